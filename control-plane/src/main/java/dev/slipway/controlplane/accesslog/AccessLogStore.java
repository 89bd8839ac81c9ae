package dev.slipway.controlplane.accesslog;

import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.LooseBlobs;
import dev.slipway.protocol.accesslog.AccessLogBatch;
import dev.slipway.protocol.accesslog.AccessLogEntry;
import dev.slipway.protocol.blob.BlobStore;
import dev.slipway.protocol.json.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps what edges post: per app and hour one gzip JSON-lines part in the blob store (blobs are content-addressed, so
 * parts of the same hour from several edges never overwrite each other; {@code access_log_parts} indexes them) and
 * the per-minute counts of {@link MinuteRollups}. Requests of no app (unknown hosts) and of apps removed since the edge
 * routed them are dropped: nobody could ask for them.
 */
@Service
public class AccessLogStore implements LooseBlobs {

    private final BlobStore blobs;
    private final JdbcClient jdbc;
    private final AppService apps;
    private final MinuteRollups rollups;
    private final TransactionTemplate tx;

    AccessLogStore(BlobStore blobs, JdbcClient jdbc, AppService apps, MinuteRollups rollups, TransactionTemplate tx) {
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.apps = apps;
        this.rollups = rollups;
        this.tx = tx;
    }

    /** Stores a batch; returns how many of its entries were kept. */
    public int store(AccessLogBatch batch) throws IOException {
        Map<String, Boolean> known = new LinkedHashMap<>();
        Map<PartKey, List<AccessLogEntry>> parts = new LinkedHashMap<>();
        for (AccessLogEntry entry : batch.entries()) {
            if (entry.appId() == null || !known.computeIfAbsent(entry.appId(), id -> apps.find(id).isPresent())) {
                continue;
            }
            Instant hour = Instant.ofEpochMilli(entry.epochMillis()).truncatedTo(ChronoUnit.HOURS);
            parts.computeIfAbsent(new PartKey(entry.appId(), hour), k -> new ArrayList<>()).add(entry);
        }
        Map<PartKey, String> keys = new LinkedHashMap<>();
        for (Map.Entry<PartKey, List<AccessLogEntry>> part : parts.entrySet()) {
            keys.put(part.getKey(), blobs.put(jsonLines(part.getValue())));
        }
        tx.executeWithoutResult(status -> {
            keys.forEach((part, key) -> jdbc.sql("""
                    INSERT INTO access_log_parts (app_id, hour, blob_key, entries) VALUES (?, ?, ?, ?)""")
                    .params(part.appId(), Timestamp.from(part.hour()), key, parts.get(part).size()).update());
            rollups.add(parts.values().stream().flatMap(List::stream).toList());
        });
        return parts.values().stream().mapToInt(List::size).sum();
    }

    private static byte[] jsonLines(List<AccessLogEntry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            for (AccessLogEntry entry : entries) {
                gzip.write(JsonMappers.STRICT.writeValueAsBytes(entry));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parts of an app whose hour overlaps [from, to), oldest hour first. */
    List<Part> parts(String appId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT hour, blob_key FROM access_log_parts WHERE app_id = ? AND hour >= ? AND hour < ?
                ORDER BY hour, id""")
                .params(appId, Timestamp.from(from.truncatedTo(ChronoUnit.HOURS)), Timestamp.from(to))
                .query((rs, n) -> new Part(rs.getTimestamp(1).toInstant(), rs.getString(2))).list();
    }

    /** Deletes the index rows of parts whose hour ended before {@code cutoff}; returns their blobs. */
    List<String> removePartsBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM access_log_parts WHERE hour < ? RETURNING blob_key")
                .param(Timestamp.from(cutoff.minus(1, ChronoUnit.HOURS))).query(String.class).list();
    }

    /** Which of these blobs rows still name. */
    Set<String> indexed(Collection<String> keys) {
        return new HashSet<>(jdbc.sql("SELECT blob_key FROM access_log_parts WHERE blob_key = ANY(?)")
                .param(keys.toArray(String[]::new)).query(String.class).list());
    }

    /** Access logs belong to an app, not to a branch: a removed branch's requests stay in the app's logs. */
    @Override
    public Collection<String> blobsOf(String appId, String branchName) {
        return List.of();
    }

    @Override
    public Collection<String> blobsOf(String appId) {
        return jdbc.sql("SELECT DISTINCT blob_key FROM access_log_parts WHERE app_id = ?").param(appId)
                .query(String.class).list();
    }

    @Override
    public Set<String> blobsInUse() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT blob_key FROM access_log_parts").query(String.class).list());
    }

    record Part(Instant hour, String blobKey) {
    }

    private record PartKey(String appId, Instant hour) {
    }
}
