package dev.shoal.overlay.nft;

import dev.shoal.overlay.link.CommandRunner;
import dev.shoal.overlay.link.LinkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The {@code nft} command for one table, in the network namespace of its {@link CommandRunner}: applies a
 * script in one transaction ({@code nft -f}), and lists the table or part of it back. Blocking: call it from a
 * worker thread.
 */
public final class Nft {

    private final CommandRunner runner;
    private final String table;

    public Nft(CommandRunner runner, String qualifiedTable) {
        this.runner = runner;
        this.table = qualifiedTable;
    }

    public static Nft shoal(CommandRunner runner) {
        return new Nft(runner, NftTable.FAMILY + " " + NftTable.NAME);
    }

    public String table() {
        return table;
    }

    /** Runs the script as one transaction; on failure nothing of it was applied. */
    public void apply(String script) throws LinkException {
        if (script.isEmpty()) {
            return;
        }
        Path file;
        try {
            file = Files.createTempFile("shoal-nft-", ".nft",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LinkException(LinkException.Kind.FAILED, "cannot write the nft script: " + e.getMessage());
        }
        try {
            runner.check(List.of("nft", "-f", file.toString()));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    /** The whole table as the kernel holds it; {@link ObservedTable#ABSENT} when there is none. */
    public ObservedTable list() throws LinkException {
        return listing(List.of("nft", "-j", "list", "table", table));
    }

    /** One chain, or one set or map ({@code kind} is {@code chain}, {@code set} or {@code map}). */
    public ObservedTable list(String kind, String name) throws LinkException {
        return listing(List.of("nft", "-j", "list", kind, table, name));
    }

    public boolean exists() throws LinkException {
        return runner.run(List.of("nft", "list", "table", table)).exitCode() == 0;
    }

    /** Removes the table if it is there. */
    public void delete() throws LinkException {
        apply(NftScript.delete(table));
    }

    private ObservedTable listing(List<String> command) throws LinkException {
        CommandRunner.Result r = runner.run(command);
        if (r.exitCode() != 0) {
            if (r.stderr().contains("No such file or directory")) {
                return ObservedTable.ABSENT;
            }
            throw new LinkException(LinkException.Kind.FAILED, String.join(" ", command) + " failed: " + r.stderr().strip());
        }
        return ObservedTable.parse(r.stdout());
    }
}
