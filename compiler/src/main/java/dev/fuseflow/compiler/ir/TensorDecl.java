package dev.fuseflow.compiler.ir;

import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A declared tensor: its logical shape, the format of each storage level, and the mode stored at each
 * level ({@code modeOrder.get(k)} is the logical mode of level k).
 */
public record TensorDecl(String name, List<Integer> shape, List<LevelFormat> formats, List<Integer> modeOrder) {

    public TensorDecl {
        shape = List.copyOf(shape);
        formats = List.copyOf(formats);
        modeOrder = List.copyOf(modeOrder);
        if (formats.size() != shape.size() || modeOrder.size() != shape.size()) {
            throw new IllegalArgumentException("tensor " + name + ": shape, formats and mode order differ in rank");
        }
    }

    /** A tensor stored in its natural mode order. */
    public static TensorDecl of(String name, List<Integer> shape, List<LevelFormat> formats) {
        List<Integer> order = new ArrayList<>();
        for (int m = 0; m < shape.size(); m++) {
            order.add(m);
        }
        return new TensorDecl(name, shape, formats, order);
    }

    public int rank() {
        return shape.size();
    }

    /** The same tensor stored with the given mode order; formats stay attached to their levels. */
    public TensorDecl withModeOrder(List<Integer> newOrder) {
        return new TensorDecl(name, shape, formats, newOrder);
    }

    public TensorDecl withShape(List<Integer> newShape) {
        return new TensorDecl(name, newShape, formats, modeOrder);
    }

    public int[] shapeArray() {
        return shape.stream().mapToInt(Integer::intValue).toArray();
    }

    public int[] modeOrderArray() {
        return modeOrder.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code A: (compressed, compressed) [2000, 2000]} with the mode order when it is not the identity. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(": (");
        for (int k = 0; k < formats.size(); k++) {
            text.append(k == 0 ? "" : ", ").append(formats.get(k).word());
        }
        text.append(") ").append(shape);
        if (!modeOrder.equals(TensorDecl.of(name, shape, formats).modeOrder())) {
            text.append(" order ").append(modeOrder);
        }
        return text.toString();
    }
}
