package dev.fuseflow.simulator.engine;

/**
 * SAM tokens packed into one {@code long}, so streams are primitive arrays and no token is ever an object
 * (reference: sam-streams-and-primitives.md §1.1).
 *
 * <p>Bits 32..33 hold the kind; the low 32 bits hold the payload: a coordinate or reference (unsigned
 * 32-bit), the IEEE bits of a float32 value, or a stop level. Repeat signals reuse the same encoding:
 * {@code R} is {@code VAL 0}, {@code S} is {@code STOP 0}, {@code D} is {@link #DONE}.
 */
public final class Token {
    public static final int KIND_VAL = 0;
    public static final int KIND_STOP = 1;
    public static final int KIND_DONE = 2;
    public static final int KIND_EMPTY = 3;

    public static final long DONE = (long) KIND_DONE << 32;
    public static final long EMPTY = (long) KIND_EMPTY << 32;
    public static final long REPEAT_SIGNAL = 0L;
    public static final long STOP_SIGNAL = stop(0);

    private Token() {
    }

    public static long val(int payload) {
        return payload & 0xFFFF_FFFFL;
    }

    public static long value(float value) {
        return Float.floatToRawIntBits(value) & 0xFFFF_FFFFL;
    }

    public static long stop(int level) {
        return ((long) KIND_STOP << 32) | (level & 0xFFFF_FFFFL);
    }

    public static int kind(long token) {
        return (int) (token >>> 32);
    }

    public static boolean isVal(long token) {
        return (token >>> 32) == KIND_VAL;
    }

    public static boolean isStop(long token) {
        return (token >>> 32) == KIND_STOP;
    }

    public static boolean isDone(long token) {
        return token == DONE;
    }

    public static boolean isEmpty(long token) {
        return token == EMPTY;
    }

    /** The coordinate, reference or stop level carried by the token. */
    public static int payload(long token) {
        return (int) token;
    }

    public static float floatValue(long token) {
        return Float.intBitsToFloat((int) token);
    }

    /**
     * Parses the token notation of the reference documents: a number, {@code S<k>}, {@code D} or
     * {@code N}. Numbers with a decimal point or exponent are float values, other numbers are
     * coordinates unless {@code values} is set.
     */
    public static long parse(String text, boolean values) {
        if (text.equals("D")) {
            return DONE;
        }
        if (text.equals("N")) {
            return EMPTY;
        }
        if (text.startsWith("S") && text.length() > 1) {
            return stop(Integer.parseInt(text.substring(1)));
        }
        if (values || text.contains(".") || text.contains("e")) {
            return value(Float.parseFloat(text));
        }
        return val(Integer.parseInt(text));
    }

    /** Formats a token in the reference notation; values print without a trailing {@code .0}. */
    public static String format(long token, boolean values) {
        switch (kind(token)) {
            case KIND_DONE:
                return "D";
            case KIND_EMPTY:
                return "N";
            case KIND_STOP:
                return "S" + payload(token);
            default:
                if (!values) {
                    return Integer.toUnsignedString(payload(token));
                }
                float v = floatValue(token);
                return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Float.toString(v);
        }
    }
}
