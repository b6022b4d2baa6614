package dev.shoal.dns.wire;

/** Numbers from RFC 1035, 2782, 3596 and 6891 that the responder uses. */
public final class DnsWire {
  public static final int HEADER_LENGTH = 12;

  public static final int TYPE_A = 1;
  public static final int TYPE_NS = 2;
  public static final int TYPE_SOA = 6;
  public static final int TYPE_PTR = 12;
  public static final int TYPE_TXT = 16;
  public static final int TYPE_AAAA = 28;
  public static final int TYPE_SRV = 33;
  public static final int TYPE_OPT = 41;
  public static final int TYPE_IXFR = 251;
  public static final int TYPE_AXFR = 252;
  public static final int TYPE_ANY = 255;

  public static final int CLASS_IN = 1;

  public static final int RCODE_NOERROR = 0;
  public static final int RCODE_FORMERR = 1;
  public static final int RCODE_SERVFAIL = 2;
  public static final int RCODE_NXDOMAIN = 3;
  public static final int RCODE_NOTIMP = 4;
  public static final int RCODE_REFUSED = 5;

  /** Extended rcode 16 (BADVERS): upper bits 1 in the OPT record, 0 in the header. */
  public static final int EXT_RCODE_BADVERS_HIGH = 1;

  public static final int FLAG_QR = 0x8000;
  public static final int FLAG_AA = 0x0400;
  public static final int FLAG_TC = 0x0200;
  public static final int FLAG_RD = 0x0100;
  public static final int FLAG_RA = 0x0080;
  public static final int OPCODE_MASK = 0x7800;

  /** Size of an OPT record with the root owner and no options. */
  public static final int OPT_LENGTH = 11;

  public static final int MIN_UDP_PAYLOAD = 512;
  public static final int MAX_MESSAGE = 65535;

  private DnsWire() {}
}
