package dev.fuseflow.compiler.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"fusion=partial", "groups=0-1,2 order=g0:ikj,g1:auto par=i:4 block=16",
        "fusion=full order=#3", "groups=0,1,2 par=i:2,j:4", "fusion=unfused order=g0:i,k1,j,g1:first"})
    void printsWhatItParsesAndParsesWhatItPrints(String text) {
        ScheduleText parsed = ScheduleText.parse(text);
        assertEquals(text, parsed.toString());
        assertEquals(parsed, ScheduleText.parse(parsed.toString()));
    }

    @Test
    void keysComeInAnyOrderAndDefaultWhenLeftOut() {
        ScheduleText text = ScheduleText.parse("  par=i:4   groups=0-1,2 ");
        assertEquals("groups=0-1,2", text.fusion());
        assertEquals("auto", text.order());
        assertEquals(Map.of("i", 4), text.par().lanes());
        assertNull(text.block());
        assertEquals("groups=0-1,2 par=i:4", text.toString());
        assertEquals("fusion=unfused", ScheduleText.parse("").toString());
    }

    @Test
    void groupsComeFromPresetsOrRanges() {
        Map<String, Schedule> presets = Map.of("partial", new Schedule(List.of(List.of(0, 1), List.of(2))));
        assertEquals(presets.get("partial"), ScheduleText.parse("fusion=partial").groups(presets, 3));
        assertEquals(Schedule.unfused(3), ScheduleText.parse("groups=0,1,2").groups(presets, 3));
        UserError unknown = assertThrows(UserError.class, () -> ScheduleText.parse("fusion=half").groups(presets, 3));
        assertTrue(unknown.getMessage().contains("partial, groups=0-1,2"), unknown.getMessage());
    }

    @Test
    void mistakesGetOneSentence() {
        String[][] cases = {
            {"order=ikj order=kij", "gives order twice"},
            {"fusion=full groups=0-1", "gives fusion (or groups) twice"},
            {"speed=fast", "is not key=value"},
            {"order", "is not key=value"},
            {"block=big", "is not a whole number"},
            {"par=i:0", "parallelization 'i:0'"},
        };
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> ScheduleText.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }
}
