package dev.fuseflow.simulator.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Test helper for the token notation of the reference documents: {@code "0 1 S0 2 S1 D"} becomes a
 * channel, optionally with stamps ({@code "0@1 D@2"}); channels print back in the same notation, so a
 * test reads like the paper's examples.
 */
public final class TokenStreams {
    private TokenStreams() {
    }

    /** A channel holding the tokens; tokens without {@code @stamp} are available at cycle 0. */
    public static Channel channel(String name, String tokens, boolean values) {
        Channel channel = new Channel(name, 1 << 20);
        for (String word : tokens.trim().split("\\s+")) {
            String[] parts = word.split("@");
            channel.push(Token.parse(parts[0], values), parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        }
        return channel;
    }

    public static Channel channel(String tokens) {
        return channel("in", tokens, false);
    }

    public static Channel values(String tokens) {
        return channel("vals", tokens, true);
    }

    public static Channel empty(String name) {
        return new Channel(name, 1 << 20);
    }

    /** The channel's content in token notation (without consuming it). */
    public static String text(Channel channel, boolean values) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < channel.size(); i++) {
            words.add(Token.format(channel.peekToken(i), values));
        }
        return String.join(" ", words);
    }

    public static String text(Channel channel) {
        return text(channel, false);
    }

    /** The channel's content as {@code token@stamp} words. */
    public static String timed(Channel channel, boolean values) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < channel.size(); i++) {
            words.add(Token.format(channel.peekToken(i), values) + "@" + channel.peekStamp(i));
        }
        return String.join(" ", words);
    }

    /** Steps the primitives until all finish; fails if they stop making progress. */
    public static void runToEnd(Primitive... primitives) {
        while (true) {
            boolean all = true;
            int progress = 0;
            for (Primitive primitive : primitives) {
                if (!primitive.finished()) {
                    progress += primitive.run(1 << 20);
                    all &= primitive.finished();
                }
            }
            if (all) {
                return;
            }
            if (progress == 0) {
                StringBuilder text = new StringBuilder("stuck:");
                for (Primitive primitive : primitives) {
                    if (!primitive.finished()) {
                        text.append(' ').append(primitive).append(' ').append(primitive.waitingOn()).append(';');
                    }
                }
                throw new AssertionError(text);
            }
        }
    }
}
