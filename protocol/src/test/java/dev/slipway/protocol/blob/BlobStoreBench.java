package dev.slipway.protocol.blob;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.util.FileSystemUtils;

/**
 * Put and get throughput of many small blobs and one large one, filesystem store against S3 (S3Mock in its own JVM
 * on this machine: a measure of the client path and the protocol's round trips, not of a real S3). Run by
 * bench/blob-store/run.sh; {@code --full}: 1,000 small blobs and 100 MB, else 200 and 16 MB.
 */
public final class BlobStoreBench {

    public static void main(String[] args) throws Exception {
        boolean full = List.of(args).contains("--full");
        int smallCount = full ? 1000 : 200;
        int smallSize = 4 * 1024;
        int largeSize = (full ? 100 : 16) * 1024 * 1024;
        Path temp = Files.createTempDirectory("blob-bench");
        try {
            List<byte[]> small = new ArrayList<>();
            Random random = new Random(42);
            for (int i = 0; i < smallCount; i++) {
                byte[] bytes = new byte[smallSize];
                random.nextBytes(bytes);
                small.add(bytes);
            }
            byte[] largeBytes = new byte[largeSize];
            random.nextBytes(largeBytes);
            Path large = Files.write(temp.resolve("large"), largeBytes);
            largeBytes = null;

            run("file", new FileSystemBlobStore(temp.resolve("fs")), small, large);
            try (S3MockServer server = S3MockServer.start("bench")) {
                run("s3mock", new S3BlobStore(server.client(), "bench", "blobs"), small, large);
            }
        } finally {
            FileSystemUtils.deleteRecursively(temp);
        }
    }

    private static void run(String name, BlobStore store, List<byte[]> small, Path large) throws Exception {
        List<String> keys = new ArrayList<>();
        long start = System.nanoTime();
        for (byte[] bytes : small) {
            keys.add(store.put(bytes));
        }
        double put = seconds(start);
        start = System.nanoTime();
        long read = 0;
        for (String key : keys) {
            read += store.read(key).length;
        }
        double get = seconds(start);
        start = System.nanoTime();
        for (byte[] bytes : small) {
            store.put(bytes);
        }
        double touch = seconds(start);
        System.out.printf("%-7s %5d x %d KB blobs: put %7.0f/s, get %7.0f/s, put again (touch) %7.0f/s%n", name,
                small.size(), small.getFirst().length / 1024, small.size() / put, small.size() / get,
                small.size() / touch);

        double mb = Files.size(large) / 1024.0 / 1024.0;
        start = System.nanoTime();
        String key = store.put(large);
        double putLarge = seconds(start);
        start = System.nanoTime();
        try (InputStream in = store.open(key)) {
            read += in.transferTo(OutputStream.nullOutputStream());
        }
        double getLarge = seconds(start);
        System.out.printf("%-7s one %.0f MB blob: put %6.1f MB/s (%.2f s), get %6.1f MB/s (%.2f s)%n", name, mb,
                mb / putLarge, putLarge, mb / getLarge, getLarge);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
