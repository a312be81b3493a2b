package dev.fuseflow.datasets.bigbird;

/**
 * The draws of numpy's legacy {@code np.random} (a {@code RandomState}: Mersenne Twister MT19937 seeded with
 * {@code init_genrand}) that the artifact's BigBird mask uses, reproduced bit for bit so the mask for seed 0
 * is the artifact's mask: {@code np.random.seed(s)} then {@code np.random.choice(n, k, replace=False)},
 * which numpy computes as the first k entries of {@code permutation(n)}, a Fisher–Yates shuffle from the top
 * whose bounded integers come from masked rejection sampling on 32-bit outputs.
 */
public final class NumpyLegacyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] state = new int[N];
    private int index;

    /** {@code np.random.seed(seed)} for an integer seed in [0, 2³²). */
    public NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("numpy seeds lie in 0..2^32-1, not " + seed);
        }
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int previous = state[i - 1];
            state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output, tempered (unsigned, in a long). */
    public long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = state[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7FFFFFFF);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908B0DF : 0);
        }
        index = 0;
    }

    /** A uniform integer in [0, max] as numpy's legacy {@code random_interval} draws it (max < 2³²). */
    public long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code np.random.choice(n, k, replace=False)}. */
    public int[] choiceWithoutReplacement(int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("cannot take " + k + " of " + n + " without replacement");
        }
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = t;
        }
        return java.util.Arrays.copyOf(permutation, k);
    }
}
