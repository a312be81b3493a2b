package dev.fuseflow.datasets.io;

import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** NumPy {@code .npz} archives: a zip (stored or deflated) of {@code NAME.npy} members. */
public final class Npz {
    private Npz() {
    }

    /** Every member array by name (without {@code .npy}). */
    public static Map<String, NpyArray> read(Path file) {
        if (!file.toFile().exists()) {
            throw UserError.of("dataset file " + file + " does not exist");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy")) {
                    continue;
                }
                String key = name.substring(0, name.length() - 4);
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(key, Npy.parse(in.readAllBytes(), file + "[" + key + "]"));
                } catch (ZipException e) {
                    throw UserError.of(file + ": member " + name + " is damaged (" + e.getMessage() + ")");
                }
            }
        } catch (NoSuchFileException e) {
            throw UserError.of("dataset file " + file + " does not exist");
        } catch (ZipException e) {
            throw UserError.of(file + ": not a readable .npz archive (" + e.getMessage() + "); expected a zip of .npy "
                    + "arrays as numpy.savez or scipy.sparse.save_npz write");
        } catch (IOException e) {
            throw UserError.of("dataset file " + file + " cannot be read (" + e.getMessage() + ")");
        }
        if (arrays.isEmpty()) {
            throw UserError.of(file + ": the archive holds no .npy arrays");
        }
        return arrays;
    }

    /** Writes encoded arrays ({@link Npy#encode}) as a new archive; {@code compressed} deflates them. */
    public static void write(Path file, Map<String, byte[]> members, boolean compressed) {
        try (OutputStream raw = NewFiles.stream(file); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                ZipEntry entry = new ZipEntry(member.getKey() + ".npy");
                byte[] bytes = member.getValue();
                if (!compressed) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw UserError.of("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
