package dev.fuseflow.compiler.ir;

/** Prints scalar constants so that parsing the text gives the same double back. */
final class Constants {
    private Constants() {
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value + ".0";
        }
        return Double.toString(value);
    }
}
