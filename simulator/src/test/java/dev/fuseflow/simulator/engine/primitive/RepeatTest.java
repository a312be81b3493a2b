package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Token;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** sam-streams-and-primitives.md §4.5 (RepeatSigGen) and §4.6 (Repeat); R/S/D written as 0/S0/D. */
class RepeatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0 1 S0 2 S0 3 S1 D             | R R S R S R S D",
        "0 1 2 S0 0 1 2 S1 3 S1 4 5 S2 D | R R R S R R R S R S R R S D",
        "0 1 2 S0 0 1 2 S1 S1 4 5 S2 D   | R R R S R R R S S R R S D",
        "0 0 0 S0 1 1 1 S0 2 2 2 S1 D    | R R R S R R R S R R R S D",
    })
    void signalGeneratorMapsEveryToken(String in, String signals) {
        Channel out = empty("sig");
        runToEnd(new RepeatSignalGenerator("g", channel(in), out));
        assertEquals(signals.trim(), signalText(out));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "0 1 2 S0 D                    | R R S R S R S D             | 0 0 S0 1 S0 2 S1 D",
        "0 1 S0 2 S0 3 S1 D            | R R R S R R R S R S R R S D | 0 0 0 S0 1 1 1 S1 2 S1 3 3 S2 D",
        "0 S0 1 2 3 S1 D               | R R R S R R R S R S R R S D | 0 0 0 S1 1 1 1 S0 2 S0 3 3 S2 D",
        "0 D                           | R R S D                     | 0 0 S0 D",
        "0 1 S0 D                      | R R R S R R R S D           | 0 0 0 S0 1 1 1 S1 D",
        "0 S0 S0 S0 S0 S0 S0 S0 S1 D   | R S S S S S S S S D         | 0 S1 S1 S1 S1 S1 S1 S1 S2 D",
        "0 S0 1 S1 D                   | S R S D                     | S1 1 S2 D",
        "N 0 1 S0 D                    | R S R S R S D               | N S0 0 S0 1 S1 D",
    })
    void repeatsHeadPerSignal(String in, String signals, String expected) {
        Channel out = empty("out");
        runToEnd(new Repeat("r", channel(in), signals(signals), out));
        assertEquals(expected.trim(), text(out));
    }

    private static Channel signals(String text) {
        Channel channel = empty("sig");
        for (String word : text.trim().split("\\s+")) {
            channel.push(word.equals("R") ? Token.REPEAT_SIGNAL : word.equals("S") ? Token.STOP_SIGNAL : Token.DONE, 0);
        }
        return channel;
    }

    private static String signalText(Channel channel) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < channel.size(); i++) {
            long token = channel.peekToken(i);
            text.append(i == 0 ? "" : " ").append(token == Token.REPEAT_SIGNAL ? "R" : token == Token.STOP_SIGNAL ? "S" : "D");
        }
        return text.toString();
    }
}
