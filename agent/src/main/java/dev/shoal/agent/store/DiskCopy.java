package dev.shoal.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
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
 * This node's on-disk copy of the cluster state: one file per object holding its stored form (deleted
 * objects keep a tombstone file), written by one background thread so neither event loops nor the
 * cluster's event threads wait for the disk. Several changes of one object before the thread gets to it
 * are written once. After a whole-cluster restart the store reloads the cluster from these files.
 */
public final class DiskCopy implements LocalView.ChangeSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DiskCopy.class);
  private static final String SUFFIX = ".obj";
  /** Pending marker: remove the file. */
  private static final String FORGET = new String("forget");

  private final Path dir;
  private final Map<ObjectKey, String> pending = new ConcurrentHashMap<>();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "shoal-disk-copy");
    thread.setDaemon(true);
    return thread;
  });
  private Set<ObjectKey> resyncSeen;

  public DiskCopy(Path dir) {
    this.dir = dir;
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
        String name = file.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
          String[] parts = URLDecoder.decode(name.substring(0, name.length() - SUFFIX.length()), StandardCharsets.UTF_8)
              .split("/", 3);
          stored.put(new ObjectKey(parts[0], parts[1], parts[2]), Files.readString(file));
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
      Files.writeString(temp, stored);
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

  private static String fileName(ObjectKey key) {
    return URLEncoder.encode(key.kind() + "/" + key.namespace() + "/" + key.name(), StandardCharsets.UTF_8) + SUFFIX;
  }
}
