package dev.shoal.agent.runtime.docker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The sandbox's only program, written as bytes: a static x86-64 Linux ELF of about 200 bytes that
 * sleeps in {@code pause(2)} forever and exits 0 on SIGTERM or SIGINT. No compiler, libc or
 * registry is needed to make the sandbox image. Layout: ELF header (64 bytes), one program header
 * (56 bytes) mapping the whole file read+execute at {@link #BASE}, the code, then the {@code struct
 * sigaction}.
 *
 * <pre>
 * _start:  mov eax,13 ; mov edi,15 ; lea rsi,[rip+act] ; xor edx,edx ; mov r10d,8 ; syscall   rt_sigaction(SIGTERM, &act, NULL, 8)
 *          mov eax,13 ; mov edi,2 ; syscall                                               rt_sigaction(SIGINT, &act, NULL, 8)  (rsi, rdx, r10 survive syscall)
 * loop:    mov eax,34 ; syscall ; jmp loop                                                pause()
 * handler: mov eax,231 ; xor edi,edi ; syscall                                            exit_group(0)
 * act:     handler, SA_RESTORER, handler, mask 0                                          x86-64 needs a restorer; the handler never returns
 * </pre>
 */
final class PauseBinary {
  static final long BASE = 0x400000L;
  private static final int HEADERS = 64 + 56;
  private static final long SA_RESTORER = 0x04000000L;

  private static final byte[] CODE = {
    (byte) 0xb8,
    0x0d,
    0x00,
    0x00,
    0x00, // 00 mov eax, 13 (rt_sigaction)
    (byte) 0xbf,
    0x0f,
    0x00,
    0x00,
    0x00, // 05 mov edi, 15 (SIGTERM)
    0x48,
    (byte) 0x8d,
    0x35,
    0x28,
    0x00,
    0x00,
    0x00, // 0a lea rsi, [rip+0x28] -> act at 0x39
    0x31,
    (byte) 0xd2, // 11 xor edx, edx (no old action)
    0x41,
    (byte) 0xba,
    0x08,
    0x00,
    0x00,
    0x00, // 13 mov r10d, 8 (sigset size)
    0x0f,
    0x05, // 19 syscall
    (byte) 0xb8,
    0x0d,
    0x00,
    0x00,
    0x00, // 1b mov eax, 13
    (byte) 0xbf,
    0x02,
    0x00,
    0x00,
    0x00, // 20 mov edi, 2 (SIGINT)
    0x0f,
    0x05, // 25 syscall
    (byte) 0xb8,
    0x22,
    0x00,
    0x00,
    0x00, // 27 loop: mov eax, 34 (pause)
    0x0f,
    0x05, // 2c syscall
    (byte) 0xeb,
    (byte) 0xf7, // 2e jmp loop
    (byte) 0xb8,
    (byte) 0xe7,
    0x00,
    0x00,
    0x00, // 30 handler: mov eax, 231 (exit_group)
    0x31,
    (byte) 0xff, // 35 xor edi, edi
    0x0f,
    0x05, // 37 syscall
  };
  private static final int HANDLER_OFFSET = 0x30;

  private PauseBinary() {}

  static byte[] bytes() {
    int size = HEADERS + CODE.length + 32;
    long entry = BASE + HEADERS;
    long handler = entry + HANDLER_OFFSET;
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    // ELF header
    b.put(
        new byte[] {
          0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little endian */, 1 /* version */, 0 /* SysV */
        });
    b.put(new byte[8]);
    b.putShort((short) 2); // e_type: executable
    b.putShort((short) 0x3e); // e_machine: x86-64
    b.putInt(1); // e_version
    b.putLong(entry); // e_entry
    b.putLong(64); // e_phoff
    b.putLong(0); // e_shoff: no sections
    b.putInt(0); // e_flags
    b.putShort((short) 64); // e_ehsize
    b.putShort((short) 56); // e_phentsize
    b.putShort((short) 1); // e_phnum
    b.putShort((short) 64); // e_shentsize
    b.putShort((short) 0); // e_shnum
    b.putShort((short) 0); // e_shstrndx
    // Program header: PT_LOAD, R+X, the whole file at BASE
    b.putInt(1);
    b.putInt(5);
    b.putLong(0);
    b.putLong(BASE);
    b.putLong(BASE);
    b.putLong(size);
    b.putLong(size);
    b.putLong(0x1000);
    b.put(CODE);
    // struct kernel_sigaction { handler; flags; restorer; mask }
    b.putLong(handler);
    b.putLong(SA_RESTORER);
    b.putLong(handler);
    b.putLong(0);
    return b.array();
  }
}
