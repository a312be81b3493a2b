package dev.fuseflow.compiler.frontend.einsum;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser.Kind;
import dev.fuseflow.compiler.frontend.einsum.EinsumParser.Token;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;

/** Splits one line of einsum text into names, numbers and symbols, each with its line and column. */
final class Lexer {
    private static final String SYMBOLS = "()[],:=+-*/";

    private Lexer() {
    }

    static List<Token> lex(String file, int line, String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                break;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Kind.NAME, text.substring(start, i), line, column));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    i++;
                    if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                        i++;
                    }
                    while (i < text.length() && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), line, column));
            } else if (SYMBOLS.indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), line, column));
                i++;
            } else {
                throw UserError.at(file, line, column, "unexpected character '" + c
                        + "'; einsum text uses names, numbers and ( ) [ ] , : = + - * /");
            }
        }
        tokens.add(new Token(Kind.END, "", line, text.length() + 1));
        return tokens;
    }
}
