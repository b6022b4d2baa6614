package dev.shoal.dns.server;

import dev.shoal.dns.forward.Forwarder;
import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.Query;
import dev.shoal.dns.wire.QueryParser;
import dev.shoal.dns.wire.ResponseWriter;
import dev.shoal.dns.zone.Node;
import dev.shoal.dns.zone.RRset;
import dev.shoal.dns.zone.ZoneIndex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Supplier;

/**
 * Decides the answer to one parsed message: an error from the header, an authoritative answer from
 * the zone index (NXDOMAIN or NODATA with the SOA when there is none), or forwarding for names
 * outside the zone. Never throws on message content. Stateless apart from the record-set rotation,
 * so one instance serves every channel of the responder's event loop.
 */
public final class QueryProcessor {
  private final Supplier<ZoneIndex> index;
  private final Forwarder forwarder;
  private final int serverPayload;
  private final QueryCounts counts;

  /**
   * {@code forwarder} may be null: names outside the zone are then REFUSED. Every query's outcome
   * is added to {@code counts}.
   */
  public QueryProcessor(
      Supplier<ZoneIndex> index, Forwarder forwarder, int serverPayload, QueryCounts counts) {
    this.index = index;
    this.forwarder = forwarder;
    this.serverPayload = serverPayload;
    this.counts = counts;
  }

  /** The largest UDP answer this client gets. */
  public int udpLimit(Query q) {
    return q.udpLimit(serverPayload);
  }

  /**
   * Answers {@code msg} (not released here). Returns the answer to send now, or null when nothing
   * is sent now: the message was dropped, or it was forwarded and a reply from {@code replies} will
   * get the answer. {@code limit} is the largest answer the client takes (see {@link #udpLimit};
   * 65535 over TCP).
   */
  public ByteBuf process(
      ByteBufAllocator alloc, ByteBuf msg, int parsed, Query q, int limit, ReplyFactory replies) {
    if (parsed == QueryParser.DROP) {
      counts.add(QueryCounts.Outcome.DROPPED);
      return null;
    }
    if (parsed != QueryParser.OK) {
      counts.add(QueryCounts.Outcome.MALFORMED);
      return ResponseWriter.headerOnly(alloc, msg, parsed);
    }
    if (q.ednsVersion() > 0) {
      counts.add(QueryCounts.Outcome.NOTIMP);
      return ResponseWriter.questionOnly(
          alloc, msg, q, 0, DnsWire.EXT_RCODE_BADVERS_HIGH, false, false, serverPayload);
    }
    int type = q.type();
    if (q.qclass() != DnsWire.CLASS_IN) {
      counts.add(QueryCounts.Outcome.REFUSED);
      return ResponseWriter.questionOnly(
          alloc, msg, q, DnsWire.RCODE_REFUSED, 0, false, false, serverPayload);
    }
    if (type == DnsWire.TYPE_AXFR || type == DnsWire.TYPE_IXFR || type == 253 || type == 254) {
      counts.add(QueryCounts.Outcome.NOTIMP);
      return ResponseWriter.questionOnly(
          alloc, msg, q, DnsWire.RCODE_NOTIMP, 0, false, false, serverPayload);
    }
    ZoneIndex zone = index.get();
    String name = q.name();
    Node node = zone.find(name);
    if (node == null && !zone.inZone(name)) {
      if (forwarder == null) {
        counts.add(QueryCounts.Outcome.REFUSED);
        return ResponseWriter.questionOnly(
            alloc, msg, q, DnsWire.RCODE_REFUSED, 0, false, false, serverPayload);
      }
      counts.add(QueryCounts.Outcome.FORWARDED);
      forwarder.forward(alloc, msg, q, replies.later(limit));
      return null;
    }
    counts.add(node == null ? QueryCounts.Outcome.NXDOMAIN : QueryCounts.Outcome.ANSWERED);
    return authoritative(alloc, msg, q, zone, node, limit);
  }

  private ByteBuf authoritative(
      ByteBufAllocator alloc, ByteBuf msg, Query q, ZoneIndex zone, Node node, int limit) {
    RRset single = null;
    RRset[] many = null;
    int answers = 0;
    int answerBytes = 0;
    int extraCount = 0;
    int extraBytes = 0;
    if (node != null) {
      if (q.type() == DnsWire.TYPE_ANY) {
        many = node.all();
        for (RRset s : many) {
          answers += s.count();
          answerBytes += s.answerBytes();
        }
      } else {
        single = node.get(q.type());
        if (single != null) {
          answers = single.count();
          answerBytes = single.answerBytes();
          extraCount = single.additionalCount();
          extraBytes = single.additionalBytes();
        }
      }
    }
    byte[] soa = answers == 0 ? zone.negativeSoa() : null;
    int fixed =
        DnsWire.HEADER_LENGTH
            + q.questionLength()
            + answerBytes
            + (q.edns() ? DnsWire.OPT_LENGTH : 0)
            + (soa == null ? 0 : soa.length);
    if (fixed + extraBytes > limit) {
      extraCount = 0;
      extraBytes = 0;
      if (fixed > limit) {
        return ResponseWriter.questionOnly(
            alloc, msg, q, DnsWire.RCODE_NOERROR, 0, true, true, serverPayload);
      }
    }
    int rcode = node == null ? DnsWire.RCODE_NXDOMAIN : DnsWire.RCODE_NOERROR;
    ByteBuf out = alloc.ioBuffer(fixed + extraBytes);
    ResponseWriter.header(
        out,
        q.id(),
        ResponseWriter.flags(q.flags(), rcode, true),
        1,
        answers,
        soa == null ? 0 : 1,
        extraCount + (q.edns() ? 1 : 0));
    out.writeBytes(msg, msg.readerIndex() + DnsWire.HEADER_LENGTH, q.questionLength());
    if (single != null) {
      single.writeAnswers(out, single.nextStart());
    } else if (many != null) {
      for (RRset s : many) {
        s.writeAnswers(out, s.nextStart());
      }
    }
    if (soa != null) {
      out.writeBytes(soa);
    }
    if (extraCount > 0) {
      single.writeAdditional(out);
    }
    if (q.edns()) {
      ResponseWriter.opt(out, serverPayload, 0);
    }
    return out;
  }
}
