package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The totals of N decoders from the groups of one simulated decoder (ARCHITECTURE.md §3.4, paper-results.md
 * §2.1): {@code 1·first + N·attention + (N−1)·fused-tail + 1·last}. The program is one decoder plus the next
 * decoder's first part ({@link DecoderParts}); each fusion group must lie within one part, or join the tail
 * with the next decoder's first part.
 *
 * <ul>
 * <li>a group of the first part counts once (decoder 1; the next decoder's first part stands in for
 * decoders 2..N);</li>
 * <li>a group of the attention counts N times;</li>
 * <li>a group of the next decoder's first part, or one joining the tail with it, counts N−1 times (the
 * fused tail of decoders 1..N−1);</li>
 * <li>the last decoder has no next decoder: its tail is the schedule's tail groups. When no group joins
 * the tail with the next part those groups are already simulated and count N times (N−1 in fused tails,
 * once as the last); otherwise they count N−1 times and the tail is simulated once more as its own program
 * ({@link #lastProgram}) under the schedule's groups cut at the tail's end ({@link #lastSchedule}), whose
 * groups count once.</li>
 * </ul>
 */
public final class DecoderComposition {

    /** Which term of the formula a group belongs to. */
    public enum Part {
        FIRST("first"), ATTENTION("attention"), TAIL("tail"), NEXT_FIRST("next-first"), FUSED_TAIL("fused-tail"),
        LAST("last");

        private final String word;

        Part(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A simulated group of the decoder's schedule and how often it counts in the total. */
    public record Term(int group, List<Integer> assignments, Part part, long multiplicity) {
    }

    private final DecoderParts parts;
    private final int decoders;
    private final List<Term> terms;
    private final Optional<Schedule> lastSchedule;

    private DecoderComposition(DecoderParts parts, int decoders, List<Term> terms, Optional<Schedule> lastSchedule) {
        this.parts = parts;
        this.decoders = decoders;
        this.terms = List.copyOf(terms);
        this.lastSchedule = lastSchedule;
    }

    /** The composition of {@code decoders} decoders under the schedule; bad input is a user error. */
    public static DecoderComposition of(DecoderParts parts, Schedule schedule, int decoders) {
        if (decoders < 1) {
            throw UserError.of("--decoders must be a positive number of decoders (the paper composes 12), not "
                    + decoders);
        }
        boolean crosses = false;
        List<Part> kinds = new ArrayList<>();
        for (int g = 0; g < schedule.groups().size(); g++) {
            Part part = classify(parts, schedule.groups().get(g), g);
            crosses |= part == Part.FUSED_TAIL;
            kinds.add(part);
        }
        List<Term> terms = new ArrayList<>();
        List<List<Integer>> lastGroups = new ArrayList<>();
        for (int g = 0; g < schedule.groups().size(); g++) {
            List<Integer> members = schedule.groups().get(g);
            Part part = kinds.get(g);
            long n = decoders;
            long multiplicity = switch (part) {
                case FIRST -> 1;
                case ATTENTION -> n;
                case TAIL -> crosses ? n - 1 : n;
                case NEXT_FIRST, FUSED_TAIL -> n - 1;
                case LAST -> throw new IllegalStateException("a schedule group is never the last decoder's");
            };
            terms.add(new Term(g, members, part, multiplicity));
            if (crosses && (part == Part.TAIL || part == Part.FUSED_TAIL)) {
                List<Integer> cut = new ArrayList<>();
                for (int a : members) {
                    if (parts.tail().contains(a)) {
                        cut.add(a - parts.tail().from());
                    }
                }
                lastGroups.add(cut);
            }
        }
        return new DecoderComposition(parts, decoders, terms,
                crosses ? Optional.of(new Schedule(lastGroups)) : Optional.empty());
    }

    private static Part classify(DecoderParts parts, List<Integer> members, int group) {
        if (parts.first().containsAll(members)) {
            return Part.FIRST;
        }
        if (parts.attention().containsAll(members)) {
            return Part.ATTENTION;
        }
        if (parts.tail().containsAll(members)) {
            return Part.TAIL;
        }
        if (parts.next().containsAll(members)) {
            return Part.NEXT_FIRST;
        }
        if (members.stream().allMatch(a -> parts.tail().contains(a) || parts.next().contains(a))) {
            return Part.FUSED_TAIL;
        }
        throw UserError.of("--decoders composes decoders from fusion groups that each lie within the first part "
                + "(assignments " + span(parts.first()) + "), the attention (" + span(parts.attention())
                + "), the tail (" + span(parts.tail()) + ") or the next decoder's first part (" + span(parts.next())
                + "), or join the tail with the next first part; group g" + group + " (assignments "
                + members.get(0) + "-" + members.get(members.size() - 1) + ") does not");
    }

    private static String span(DecoderParts.Range range) {
        return range.from() + "-" + (range.to() - 1);
    }

    public int decoders() {
        return decoders;
    }

    /** The schedule's groups with their part and multiplicity, in schedule order. */
    public List<Term> terms() {
        return terms;
    }

    /**
     * The groups of the last decoder's tail when the schedule fuses the tail with the next decoder (their
     * indices relative to {@link #lastProgram}); empty when the schedule's own tail groups serve.
     */
    public Optional<Schedule> lastSchedule() {
        return lastSchedule;
    }

    /** The decoder's tail alone: the last decoder, with no next decoder to fuse with. */
    public Program lastProgram(Program program) {
        if (program.assignments().size() != parts.assignments()) {
            throw new IllegalArgumentException("the program does not have the decoder's " + parts.assignments()
                    + " assignments");
        }
        return program.restrictedTo(program.name() + "_last", parts.tail().members());
    }

    /** The index in the decoder's program of the {@link #lastProgram}'s first assignment. */
    public int lastProgramStart() {
        return parts.tail().from();
    }

    /** The formula with this N, e.g. {@code 1·first + 12·attention + 11·fused-tail + 1·last}. */
    public String formula() {
        return "1·first + " + decoders + "·attention + " + (decoders - 1) + "·fused-tail + 1·last";
    }

    /**
     * The composed totals: each schedule group's statistics times its multiplicity, plus the last decoder's
     * tail groups once. Every counter is composed; {@code tokens} stays the number of token steps actually
     * simulated, since it measures the simulation's own cost.
     *
     * @param groups the statistics of the schedule's groups, in schedule order
     * @param last   the statistics of the {@link #lastSchedule} groups (empty when there is none)
     */
    public Statistics total(List<Statistics> groups, List<Statistics> last) {
        if (groups.size() != terms.size() || last.size() != lastSchedule.map(s -> s.groups().size()).orElse(0)) {
            throw new IllegalArgumentException("composition needs " + terms.size() + " group and "
                    + lastSchedule.map(s -> s.groups().size()).orElse(0) + " last-group statistics");
        }
        Statistics total = zero();
        long simulatedTokens = 0;
        for (int g = 0; g < groups.size(); g++) {
            total = total.plus(times(groups.get(g), terms.get(g).multiplicity()));
            simulatedTokens += groups.get(g).tokens();
        }
        for (Statistics s : last) {
            total = total.plus(s);
            simulatedTokens += s.tokens();
        }
        return total.withTokens(simulatedTokens);
    }

    private static Statistics zero() {
        return new Statistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Statistics times(Statistics s, long k) {
        return new Statistics(s.cycles() * k, s.ops() * k, s.reduces() * k, s.crdReads() * k, s.segReads() * k,
                s.valReads() * k, s.crdWrites() * k, s.segWrites() * k, s.valWrites() * k,
                s.uncompressedCrdReads() * k, s.dramBytesRead() * k, s.dramBytesWritten() * k, s.tokens() * k);
    }
}
