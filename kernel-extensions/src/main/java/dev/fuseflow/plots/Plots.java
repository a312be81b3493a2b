package dev.fuseflow.plots;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** What every plot shares: its size, and its PNG encoding. */
public final class Plots {
    /** Plot size in pixels: wide enough for grouped bars with labels, small enough for a notebook cell. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 480;

    private Plots() {
    }

    /** The chart as PNG bytes (XChart's BitmapEncoder; the same chart gives the same bytes). */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
