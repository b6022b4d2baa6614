package dev.shoal.dns.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code dig} against a responder and picks its output apart. */
public final class Dig {
  private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
  private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]*);");

  private Dig() {}

  /**
   * Output of one dig run. Section lines are split on whitespace: name, ttl, class, type, data...
   */
  public record Result(
      String output,
      String status,
      List<String> flags,
      List<List<String>> answer,
      List<List<String>> authority,
      List<List<String>> additional,
      String opt) {

    public boolean flag(String f) {
      return flags.contains(f);
    }

    /** The data fields (after the type) of the answer lines, joined by a space. */
    public List<String> answerData() {
      List<String> out = new ArrayList<>();
      for (List<String> line : answer) {
        out.add(String.join(" ", line.subList(4, line.size())));
      }
      return out;
    }
  }

  public static Result query(InetSocketAddress server, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "/usr/bin/dig",
                "@" + server.getAddress().getHostAddress(),
                "-p",
                Integer.toString(server.getPort()),
                "+time=3",
                "+tries=1",
                "+nocookie"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("dig hung: " + cmd);
      }
      return parse(out);
    } catch (IOException e) {
      throw new AssertionError("cannot run dig (dnsutils installed?): " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Result parse(String out) {
    Matcher s = STATUS.matcher(out);
    Matcher f = FLAGS.matcher(out);
    List<String> flags = f.find() ? List.of(f.group(1).trim().split(" +")) : List.of();
    List<List<String>> answer = new ArrayList<>();
    List<List<String>> authority = new ArrayList<>();
    List<List<String>> additional = new ArrayList<>();
    String opt = null;
    List<List<String>> current = null;
    for (String line : out.split("\n")) {
      if (line.startsWith(";; ANSWER SECTION:")) {
        current = answer;
      } else if (line.startsWith(";; AUTHORITY SECTION:")) {
        current = authority;
      } else if (line.startsWith(";; ADDITIONAL SECTION:")) {
        current = additional;
      } else if (line.startsWith("; EDNS:")) {
        opt = line;
      } else if (line.isBlank() || line.startsWith(";")) {
        current = null;
      } else if (current != null) {
        current.add(List.of(line.trim().split("\\s+")));
      }
    }
    return new Result(
        out, s.find() ? s.group(1) : "NONE", flags, answer, authority, additional, opt);
  }
}
