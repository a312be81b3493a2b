package dev.fuseflow.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The analytic HBM of comal-timing-model.md §6.3 and §6.7, request by request. */
class ComalHbmTest {

    @Test
    void isolatedRequestTakesNineteenCycles() {
        ComalHbm hbm = new ComalHbm();
        int client = hbm.register("scanner", false);
        assertEquals(10 + 19, hbm.serve(client, false, 1, 10));
        // a bundle of up to 8 lands on 8 distinct idle channels: still t+19
        assertEquals(100 + 19, hbm.serve(client, false, 8, 100));
        assertEquals(4 * 9, hbm.bytesRead());
    }

    @Test
    void aNinthRequestInOneCycleWaitsForItsBusyChannel() {
        ComalHbm hbm = new ComalHbm();
        int client = hbm.register("array", false);
        // request 8 goes to channel T(8) mod 8 = 4, already taken by request 7 (T(7) = 28): 2 cycles later
        assertEquals(50 + 21, hbm.serve(client, false, 9, 50));
    }

    @Test
    void workedExampleDispatchTable() {
        // §8.2: registration readers (scanner seg, scanner crd, array), writers (crd, seg, vals)
        ComalHbm hbm = new ComalHbm();
        int seg = hbm.register("scanner.seg", false);
        int crd = hbm.register("scanner.crd", false);
        int array = hbm.register("array", false);
        int wCrd = hbm.register("write.crd", true);
        int wSeg = hbm.register("write.seg", true);
        int vals = hbm.register("vals", true);
        assertEquals(20, hbm.serve(seg, false, 2, 1));
        assertEquals(39, hbm.serve(crd, false, 3, 20));
        assertEquals(62, hbm.serve(array, false, 3, 43));
        assertEquals(64, hbm.serve(wCrd, true, 3, 44)); // c2 busy until 47: response 63, ack 64
        assertEquals(82, hbm.serve(vals, true, 1, 63));
        assertEquals(83, hbm.serve(wSeg, true, 1, 64));
        assertEquals(102, hbm.serve(vals, true, 1, 83));
        assertEquals(122, hbm.serve(vals, true, 1, 103));
        assertEquals(4 * 8, hbm.bytesRead());
        assertEquals(4 * 7, hbm.bytesWritten());
    }

    @Test
    void requestsOutOfTimestampOrderAreAnEngineError() {
        ComalHbm hbm = new ComalHbm();
        int a = hbm.register("a", false);
        int b = hbm.register("b", false);
        hbm.serve(b, false, 1, 10);
        assertThrows(IllegalStateException.class, () -> hbm.serve(a, false, 1, 10));
        assertThrows(IllegalStateException.class, () -> hbm.serve(b, false, 1, 9));
    }

    @Test
    void bandwidthMovesWholeRequestsAndQueues() {
        BandwidthMemory memory = new BandwidthMemory(8, 5, 16);
        int r = memory.register("r", false);
        int w = memory.register("w", true);
        // 3 entries = 12 bytes -> one 16-byte request: visible at 11, 2 cycles of transfer, +5
        assertEquals(11 + 2 + 5, memory.serve(r, false, 3, 10));
        // 8 entries = 32 bytes, visible at 11 but the port is busy until 13: 13 + 4 + 5
        assertEquals(13 + 4 + 5, memory.serve(w, true, 8, 10));
        assertEquals(16, memory.bytesRead());
        assertEquals(32, memory.bytesWritten());
    }

    @Test
    void specParsesAndExplainsMistakes() {
        assertEquals(MemorySpec.NONE, MemorySpec.parse("none"));
        assertEquals(MemorySpec.COMAL_HBM, MemorySpec.parse("comal-hbm"));
        assertEquals(MemorySpec.bandwidth(32, 20, 32), MemorySpec.parse("bandwidth"));
        assertEquals(MemorySpec.bandwidth(16, 4, 64), MemorySpec.parse("bandwidth:bytes_per_cycle=16,latency=4,request=64"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> MemorySpec.parse("dram"));
        assertTrue(unknown.getMessage().contains("accepted: none, comal-hbm, bandwidth"), unknown.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> MemorySpec.parse("bandwidth:speed=3"));
        assertTrue(key.getMessage().contains("bytes_per_cycle=B"), key.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MemorySpec.parse("bandwidth:latency=-1"));
    }
}
