package dev.fuseflow.compiler.frontend.mlir;

/**
 * One token of MLIR text. {@code text} is exactly what the source holds, so adjacent tokens can be glued back
 * (the parser does this for shapes such as {@code 1767x50xf32}).
 */
record MlirToken(Kind kind, String text, SourceLocation at) {

    enum Kind {
        /** {@code %name}, {@code %21#0}. */
        VALUE,
        /** {@code #map}, {@code #sparse_tensor.encoding}. */
        HASH,
        /** {@code @forward}. */
        SYMBOL,
        /** {@code ^bb0}. */
        BLOCK,
        /** Bare identifiers and dotted op names: {@code func.func}, {@code tensor}, {@code d0}, {@code f32}. */
        WORD,
        /** Decimal integers. */
        INTEGER,
        /** Decimal floats ({@code 1.0}, {@code 1.000000e-05}) and hexadecimal bit patterns ({@code 0xFF800000}). */
        FLOAT,
        /** Quoted strings, with the quotes. */
        STRING,
        /** Punctuation: {@code ( ) [ ] { } < > , : = ? * + - ->} and friends. */
        PUNCT,
        END
    }

    boolean is(String punctOrWord) {
        return (kind == Kind.PUNCT || kind == Kind.WORD) && text.equals(punctOrWord);
    }

    /** How the token reads in an error message. */
    String describe() {
        return kind == Kind.END ? "the end of the file" : "'" + text + "'";
    }
}
