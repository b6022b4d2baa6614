package dev.shoal.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's on-disk copy of the cluster state: one file per object (named by a hash of its key;
 * the first line is the key, the rest its stored form; deleted objects keep a tombstone file),
 * written by one background thread so neither event loops nor the cluster's event threads wait for
 * the disk. Several changes of one object before the thread gets to it are written once. After a
 * whole-cluster restart the store reloads the cluster from these files. Secrets are sealed with the
 * node's {@link AtRestKey} (the object key as associated data); plain files written before that are
 * still read.
 *
 * <p>Every file is written durably ({@link DurableFiles}), so a power cut leaves the old or the new
 * content. A file that still cannot be read (cut short by a disk that lied, garbage, sealed with
 * another key, or refused by the caller's check) is logged with its reason and moved into {@value
 * #CORRUPT_DIR}/, and the rest loads: one bad file never keeps the node from starting, and nothing
 * is silently destroyed.
 */
public final class DiskCopy implements LocalView.ChangeSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiskCopy.class);
  private static final String SUFFIX = ".obj";

  /** Where unreadable files are kept aside, inside the copy's directory. */
  public static final String CORRUPT_DIR = "corrupt";

  /** Pending marker: remove the file. */
  private static final String FORGET = new String("forget");

  /** Files written (and synced) together at most. */
  private static final int BATCH = 128;

  /**
   * Checks one loaded object's stored form (e.g. that it decodes); throws with the reason when it
   * is bad.
   */
  public interface Check {
    Check NONE = (key, stored) -> {};

    void check(ObjectKey key, String stored) throws Exception;
  }

  /** A file that could not be read, and why; it has been moved into {@value #CORRUPT_DIR}/. */
  public record Rejected(Path file, String reason) {}

  /** What a load found: the readable objects by key, and the files set aside. */
  public record Loaded(Map<ObjectKey, String> objects, List<Rejected> rejected) {}

  private final Path dir;
  private final AtRestKey key;
  private final Map<ObjectKey, String> pending = new ConcurrentHashMap<>();
  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "shoal-disk-copy");
            thread.setDaemon(true);
            return thread;
          });
  private Set<ObjectKey> resyncSeen;
  private boolean drainQueued;

  public DiskCopy(Path dir, AtRestKey key) {
    this.dir = dir;
    this.key = java.util.Objects.requireNonNull(key, "key");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Every readable object (and tombstone) on disk, by key, in its stored form. */
  public Map<ObjectKey, String> load() throws IOException {
    return load(Check.NONE).objects();
  }

  /**
   * Every object on disk that reads and passes {@code check}; the others are logged and set aside.
   * Temp files of writes that never finished are removed (the file they were to replace is still
   * whole).
   */
  public Loaded load(Check check) throws IOException {
    Map<ObjectKey, String> stored = new HashMap<>();
    List<Rejected> rejected = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(DurableFiles.TEMP_SUFFIX)) {
        Files.deleteIfExists(file);
      } else if (name.endsWith(SUFFIX)) {
        try {
          Map.Entry<ObjectKey, String> entry = read(file);
          check.check(entry.getKey(), entry.getValue());
          stored.put(entry.getKey(), entry.getValue());
        } catch (Exception e) {
          rejected.add(setAside(file, e));
        }
      }
    }
    if (!rejected.isEmpty()) {
      LOG.error(
          "{} unreadable file(s) of the on-disk copy were moved to {}; the node starts without them",
          rejected.size(),
          dir.resolve(CORRUPT_DIR));
    }
    return new Loaded(stored, rejected);
  }

  /**
   * One file's key and stored form; throws with the reason when it is not a whole, readable entry.
   */
  private Map.Entry<ObjectKey, String> read(Path file)
      throws IOException, GeneralSecurityException {
    String content =
        StandardCharsets.UTF_8
            .newDecoder()
            .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
            .toString();
    int newline = content.indexOf('\n');
    if (newline < 0) {
      throw new IOException(content.isEmpty() ? "empty file" : "no key line");
    }
    String keyLine = content.substring(0, newline);
    String[] parts = keyLine.split("/", 3);
    if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
      throw new IOException("the first line is not a kind/namespace/name key");
    }
    ObjectKey objectKey = new ObjectKey(parts[0], parts[1], parts[2]);
    String body = content.substring(newline + 1);
    if (AtRestKey.isSealed(body)) {
      try {
        body = key.open(body, keyLine);
      } catch (GeneralSecurityException e) {
        throw new GeneralSecurityException(
            "does not open with this node's at-rest key (" + e.getMessage() + ")");
      }
    }
    return Map.entry(objectKey, body);
  }

  private Rejected setAside(Path file, Exception cause) {
    String reason =
        cause.getMessage() == null
            ? cause.getClass().getSimpleName()
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    Path aside = dir.resolve(CORRUPT_DIR).resolve(file.getFileName());
    try {
      Files.createDirectories(aside.getParent());
      Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      DurableFiles.syncDirectory(dir);
      LOG.error("the on-disk copy's file {} is unreadable ({}); moved to {}", file, reason, aside);
    } catch (IOException e) {
      LOG.error(
          "the on-disk copy's file {} is unreadable ({}) and could not be moved aside ({}); it is skipped",
          file,
          reason,
          e.getMessage());
    }
    return new Rejected(file, reason);
  }

  @Override
  public synchronized void changed(ObjectKey key, long version, boolean deleted, String stored) {
    if (resyncSeen != null) {
      resyncSeen.add(key);
    }
    queue(key, stored);
  }

  /** The cluster forgot a deleted object (its tombstone expired): forget it here too. */
  public synchronized void forget(ObjectKey key) {
    queue(key, FORGET);
  }

  private void queue(ObjectKey key, String stored) {
    pending.put(key, stored);
    if (!writer.isShutdown() && !drainQueued) {
      drainQueued = true;
      writer.execute(this::drain);
    }
  }

  /**
   * Starts a re-sync: files of objects not reported before {@link #endResync()} are then removed.
   */
  public synchronized void beginResync() {
    resyncSeen = new HashSet<>();
  }

  public synchronized void endResync() {
    Set<ObjectKey> keep = resyncSeen;
    resyncSeen = null;
    writer.execute(() -> removeAllBut(keep));
  }

  /** Completes once every change reported so far is on disk. */
  public CompletableFuture<Void> flush() {
    return CompletableFuture.runAsync(() -> {}, writer);
  }

  @Override
  public void close() {
    if (!writer.isShutdown()) {
      flush().join();
      writer.shutdown();
    }
  }

  /**
   * Writes every pending change in batches of at most {@value #BATCH} files: each file synced
   * before it is renamed into place, the directory synced once per batch (after the deletions too).
   */
  private void drain() {
    synchronized (this) {
      drainQueued = false;
    }
    List<ObjectKey> keys = List.copyOf(pending.keySet());
    for (int from = 0; from < keys.size(); from += BATCH) {
      writeBatch(keys.subList(from, Math.min(keys.size(), from + BATCH)));
    }
  }

  private void writeBatch(List<ObjectKey> keys) {
    Map<Path, byte[]> contents = new java.util.LinkedHashMap<>();
    Map<Path, ObjectKey> byFile = new HashMap<>();
    boolean deleted = false;
    for (ObjectKey key : keys) {
      String stored = pending.remove(key);
      if (stored == null) {
        continue;
      }
      Path file = dir.resolve(fileName(key));
      if (stored == FORGET) {
        try {
          deleted |= Files.deleteIfExists(file);
        } catch (IOException e) {
          LOG.error("cannot remove the on-disk copy of {}", key, e);
        }
        continue;
      }
      String keyLine = keyLine(key);
      String content = keyLine + "\n" + (sealed(key) ? this.key.seal(stored, keyLine) : stored);
      contents.put(file, content.getBytes(StandardCharsets.UTF_8));
      byFile.put(file, key);
    }
    if (contents.isEmpty() && !deleted) {
      return;
    }
    for (DurableFiles.Failure failure : DurableFiles.replaceAll(dir, contents)) {
      Object what =
          byFile.containsKey(failure.file()) ? byFile.get(failure.file()) : failure.file();
      LOG.error("cannot write the on-disk copy of {}", what, failure.cause());
    }
  }

  private void removeAllBut(Set<ObjectKey> keep) {
    try {
      Map<ObjectKey, String> onDisk = load();
      for (ObjectKey key : onDisk.keySet()) {
        if (!keep.contains(key) && !pending.containsKey(key)) {
          Files.deleteIfExists(dir.resolve(fileName(key)));
        }
      }
    } catch (IOException e) {
      LOG.error("cannot re-sync the on-disk copy in {}", dir, e);
    }
  }

  /**
   * Which objects are sealed on disk: Secrets (the rest holds nothing a node's own files would not
   * show).
   */
  private static boolean sealed(ObjectKey key) {
    return key.kind().equals(dev.shoal.manifests.model.Secret.KIND);
  }

  private static String keyLine(ObjectKey key) {
    return key.kind() + "/" + key.namespace() + "/" + key.name();
  }

  /**
   * A fixed-length name whatever the key's length (object names may be 253 characters, file names
   * 255).
   */
  private static String fileName(ObjectKey key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(keyLine(key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 20) + SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
