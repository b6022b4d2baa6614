package dev.shoal.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
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
 * This node's on-disk copy of the cluster state: one file per object (named by a hash of its key; the
 * first line is the key, the rest its stored form; deleted objects keep a tombstone file), written by one
 * background thread so neither event loops nor the cluster's event threads wait for the disk. Several
 * changes of one object before the thread gets to it are written once. After a whole-cluster restart the
 * store reloads the cluster from these files. Secrets are sealed with the node's {@link AtRestKey} (the
 * object key as associated data); plain files written before that are still read.
 */
public final class DiskCopy implements LocalView.ChangeSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiskCopy.class);
  private static final String SUFFIX = ".obj";
  /** Pending marker: remove the file. */
  private static final String FORGET = new String("forget");

  private final Path dir;
  private final AtRestKey key;
  private final Map<ObjectKey, String> pending = new ConcurrentHashMap<>();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "shoal-disk-copy");
    thread.setDaemon(true);
    return thread;
  });
  private Set<ObjectKey> resyncSeen;

  public DiskCopy(Path dir, AtRestKey key) {
    this.dir = dir;
    this.key = java.util.Objects.requireNonNull(key, "key");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Every object (and tombstone) on disk, by key, in its stored form. */
  public Map<ObjectKey, String> load() throws IOException {
    Map<ObjectKey, String> stored = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(SUFFIX)) {
          String content = Files.readString(file);
          int newline = content.indexOf('\n');
          String keyLine = content.substring(0, newline);
          String[] parts = keyLine.split("/", 3);
          String body = content.substring(newline + 1);
          if (AtRestKey.isSealed(body)) {
            try {
              body = key.open(body, keyLine);
            } catch (GeneralSecurityException e) {
              LOG.error("the on-disk copy of {} does not open with this node's at-rest key ({}); it is left out",
                  keyLine, e.getMessage());
              continue;
            }
          }
          stored.put(new ObjectKey(parts[0], parts[1], parts[2]), body);
        }
      }
    }
    return stored;
  }

  @Override
  public synchronized void changed(ObjectKey key, long version, boolean deleted, String stored) {
    if (resyncSeen != null) {
      resyncSeen.add(key);
    }
    if (!writer.isShutdown() && pending.put(key, stored) == null) {
      writer.execute(() -> write(key));
    }
  }

  /** The cluster forgot a deleted object (its tombstone expired): forget it here too. */
  public synchronized void forget(ObjectKey key) {
    if (!writer.isShutdown() && pending.put(key, FORGET) == null) {
      writer.execute(() -> write(key));
    }
  }

  /** Starts a re-sync: files of objects not reported before {@link #endResync()} are then removed. */
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

  private void write(ObjectKey key) {
    String stored = pending.remove(key);
    if (stored == null) {
      return;
    }
    Path file = dir.resolve(fileName(key));
    Path temp = dir.resolve(fileName(key) + ".tmp");
    try {
      if (stored == FORGET) {
        Files.deleteIfExists(file);
        return;
      }
      String keyLine = keyLine(key);
      Files.writeString(temp, keyLine + "\n" + (sealed(key) ? this.key.seal(stored, keyLine) : stored));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.error("cannot write the on-disk copy of {}", key, e);
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

  /** Which objects are sealed on disk: Secrets (the rest holds nothing a node's own files would not show). */
  private static boolean sealed(ObjectKey key) {
    return key.kind().equals(dev.shoal.manifests.model.Secret.KIND);
  }

  private static String keyLine(ObjectKey key) {
    return key.kind() + "/" + key.namespace() + "/" + key.name();
  }

  /** A fixed-length name whatever the key's length (object names may be 253 characters, file names 255). */
  private static String fileName(ObjectKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyLine(key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 20) + SUFFIX;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
