package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Root (generator): emits the root reference stream {@code 0 D} of one tensor.
 *
 * <p>Timing (DAM GeneratorContext): each token at {@code t+1}, +1 per token, Done included, so
 * {@code 0@1 D@2} and a final clock of 2.
 */
public final class Root extends Primitive {
    private final Channel out;
    private int emitted;

    public Root(String name, Channel out) {
        super(name);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "Root";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !finished()) {
            if (outputsFull()) {
                break;
            }
            if (emitted == 0) {
                emit(out, Token.val(0));
            } else {
                emit(out, Token.DONE);
                finish();
            }
            emitted++;
            t++;
            steps++;
        }
        return steps;
    }
}
