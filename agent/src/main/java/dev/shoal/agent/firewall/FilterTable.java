package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shoal's chains in the filter table, read with {@code iptables -S} and written with one {@code
 * iptables-restore --noflush} per call (see {@link ChainPlan} for why that is atomic). Blocking:
 * runs the programs through a {@link CommandRunner}, whose prefix may enter a network namespace;
 * the restore input goes through a temporary file, which a namespace prefix ({@code nsenter --net},
 * {@code ip netns exec}) still sees.
 */
final class FilterTable {

  private final CommandRunner runner;
  private final Iptables iptables;

  FilterTable(CommandRunner runner, Iptables iptables) {
    this.runner = runner;
    this.iptables = iptables;
  }

  /**
   * Makes every chain hold its spec's rules with its jump in place; returns true when something
   * changed.
   */
  boolean apply(List<ChainSpec> specs) throws CommandException {
    List<ChainPlan> plans = new ArrayList<>();
    for (ChainSpec spec : specs) {
      plans.add(ChainPlan.apply(spec, observe(spec)));
    }
    return restore(plans);
  }

  /** Takes the chains and our jumps to them away; returns true when something was there. */
  boolean remove(List<ChainSpec> specs) throws CommandException {
    List<ChainPlan> plans = new ArrayList<>();
    for (ChainSpec spec : specs) {
      plans.add(ChainPlan.remove(spec, observe(spec)));
    }
    return restore(plans);
  }

  ChainState observe(ChainSpec spec) throws CommandException {
    List<String> parent = rules(spec.parent());
    CommandRunner.Result chain = runner.run(iptables(iptables.iptables(), "-S", spec.chain()));
    if (chain.exitCode() != 0) {
      return ChainState.absent(parent);
    }
    return new ChainState(true, appendLines(chain.stdout()), parent);
  }

  /** A chain's rules as {@code iptables -S} prints them; fails when the chain does not exist. */
  List<String> rules(String chain) throws CommandException {
    return appendLines(runner.check(iptables(iptables.iptables(), "-S", chain)));
  }

  private boolean restore(List<ChainPlan> plans) throws CommandException {
    if (plans.stream().allMatch(ChainPlan::isEmpty)) {
      return false;
    }
    Path input = null;
    try {
      input = Files.createTempFile("shoal-firewall-", ".rules");
      List<String> script = ChainPlan.script(plans);
      Files.write(input, script, StandardCharsets.UTF_8);
      try {
        runner.check(iptables(iptables.restore(), "--noflush", input.toString()));
      } catch (CommandException e) {
        throw new CommandException(
            e.kind(), e.getMessage() + "; input was:\n" + String.join("\n", script));
      }
      return true;
    } catch (IOException e) {
      throw new CommandException(
          CommandException.Kind.FAILED, "cannot write the iptables-restore input: " + e);
    } finally {
      if (input != null) {
        try {
          Files.deleteIfExists(input);
        } catch (IOException ignored) {
          // a stray file in the temporary directory is harmless
        }
      }
    }
  }

  private static List<String> appendLines(String listing) {
    return listing.lines().filter(l -> l.startsWith("-A ")).toList();
  }

  private static List<String> iptables(String program, String... args) {
    List<String> argv = new ArrayList<>(List.of(program, "-w", "5"));
    argv.addAll(List.of(args));
    return argv;
  }
}
