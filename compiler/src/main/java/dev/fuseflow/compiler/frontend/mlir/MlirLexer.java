package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits MLIR text into tokens, each with its line and column. {@code //} comments are dropped. Shapes are not
 * special here: {@code 1767x50xf32} lexes as the integer {@code 1767} and the word {@code x50xf32}, and the
 * parser glues them back, because only inside {@code tensor<...>} does {@code x} separate dimensions.
 */
final class MlirLexer {
    private static final String PUNCT = "()[]{}<>,:=?*+-!|";

    private final String file;
    private final String text;
    private final List<MlirToken> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private MlirLexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    static List<MlirToken> lex(String file, String text) {
        MlirLexer lexer = new MlirLexer(file, text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '{' && peek(1) == '-' && peek(2) == '#') {
                skipResourceSection();
            } else if (c == '/' && peek(1) == '/') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '%') {
                int start = pos++;
                scanSuffixId();
                if (peek(0) == '#' && Character.isDigit(peek(1))) {
                    pos++;
                    while (Character.isDigit(peek(0))) {
                        pos++;
                    }
                }
                add(Kind.VALUE, start);
            } else if (c == '#' || c == '@' || c == '^' || c == '!') {
                int start = pos++;
                if (c == '@' && peek(0) == '"') {
                    scanString(start);
                } else {
                    scanBareId();
                }
                if (pos == start + 1) {
                    if (c == '!') {
                        add(Kind.PUNCT, start);
                        continue;
                    }
                    throw at(start).error("'" + c + "' must be followed by a name");
                }
                add(c == '#' ? Kind.HASH : c == '@' ? Kind.SYMBOL : c == '^' ? Kind.BLOCK : Kind.WORD, start);
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                scanBareId();
                add(Kind.WORD, start);
            } else if (Character.isDigit(c)) {
                scanNumber();
            } else if (c == '"') {
                int start = pos;
                scanString(start);
                add(Kind.STRING, start);
            } else if (c == '-' && peek(1) == '>') {
                int start = pos;
                pos += 2;
                add(Kind.PUNCT, start);
            } else if (PUNCT.indexOf(c) >= 0) {
                int start = pos++;
                add(Kind.PUNCT, start);
            } else {
                throw at(pos).error("unexpected character '" + c + "' in MLIR text");
            }
        }
        // The end of the file is reported just after its last token, where a reader looks for what is missing.
        SourceLocation end = new SourceLocation(file, 1, 1);
        if (!tokens.isEmpty()) {
            MlirToken last = tokens.get(tokens.size() - 1);
            end = new SourceLocation(file, last.at().line(), last.at().column() + last.text().length());
        }
        tokens.add(new MlirToken(Kind.END, "", end));
    }

    /**
     * Skips a {@code {-# dialect_resources: ... #-}} section: torch-mlir puts weight payloads there, and
     * constants' payloads are never read (their values come from the dataset).
     */
    private void skipResourceSection() {
        int start = pos;
        int end = text.indexOf("#-}", pos + 3);
        if (end < 0) {
            throw at(start).error("the resource section '{-#' starting here is not closed by '#-}'");
        }
        while (pos < end + 3) {
            if (text.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
    }

    private void scanBareId() {
        while (pos < text.length() && (Character.isLetterOrDigit(peek(0)) || "_$.".indexOf(peek(0)) >= 0)) {
            pos++;
        }
    }

    private void scanSuffixId() {
        while (pos < text.length() && (Character.isLetterOrDigit(peek(0)) || "_$.-".indexOf(peek(0)) >= 0)) {
            pos++;
        }
    }

    private void scanNumber() {
        int start = pos;
        if (peek(0) == '0' && peek(1) == 'x' && isHex(peek(2))) {
            pos += 2;
            while (isHex(peek(0))) {
                pos++;
            }
            add(Kind.FLOAT, start);
            return;
        }
        boolean isFloat = false;
        while (Character.isDigit(peek(0))) {
            pos++;
        }
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            isFloat = true;
            pos++;
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1)) || (peek(1) == '-' || peek(1) == '+') && Character.isDigit(peek(2)))) {
            isFloat = true;
            pos += 2;
            while (Character.isDigit(peek(0))) {
                pos++;
            }
        }
        add(isFloat ? Kind.FLOAT : Kind.INTEGER, start);
    }

    private void scanString(int start) {
        pos++;
        while (pos < text.length() && peek(0) != '"') {
            if (peek(0) == '\n') {
                throw at(start).error("a string starting here is not closed on its line");
            }
            pos += peek(0) == '\\' ? 2 : 1;
        }
        if (pos >= text.length()) {
            throw at(start).error("a string starting here is not closed before the end of the file");
        }
        pos++;
    }

    private static boolean isHex(char c) {
        return Character.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private void add(Kind kind, int start) {
        tokens.add(new MlirToken(kind, text.substring(start, pos), at(start)));
    }

    /** The location of a character offset on the current line. */
    private SourceLocation at(int offset) {
        return new SourceLocation(file, line, offset - lineStart + 1);
    }
}
