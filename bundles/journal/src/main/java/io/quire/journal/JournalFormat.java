package io.quire.journal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-disk grammar of a journal folder, written down once (also in
 * {@code docs/journal-format.md}).
 *
 * <pre>
 * folder      = format-marker holder? segment* side-file*
 * format-marker  "quire-journal.format": text lines key=value (magic, format.version, cluster.id,
 *                created) and a last line crc32c=&lt;hex of the bytes before it&gt;
 * holder         "quire-master.holder": text, the live master's identity and heartbeat
 * segment        sealed "log-&lt;first&gt;-&lt;last&gt;.qlog" or open "log-&lt;first&gt;.qlog.open",
 *                numbers as 19-digit zero-padded decimals so a listing sorts by sequence
 * side-file      "&lt;segment&gt;.torn-&lt;offset&gt;": bytes cut off a torn tail, kept for inspection
 * moved          "quire-journal.moved": text like the format marker (moved.to, cluster.id,
 *                last.sequence, moved.at, crc32c): the journal went on in folder moved.to after
 *                last.sequence; no master starts on this folder while it is there
 * checkpoint     "checkpoint-&lt;sequence&gt;.qckpt": the whole state after that entry, a state file
 *                ({@link io.quire.journal.state.StateFileFormat}); written as
 *                "checkpoint-&lt;sequence&gt;.qckpt.&lt;writer&gt;.tmp" and renamed; one that failed its
 *                checks is renamed to "checkpoint-&lt;sequence&gt;.qckpt.corrupt" and kept
 *
 * segment     = header record*
 * header      = magic:u32 "QJLG" | version:u16 | flags:u16 (0) | firstSequence:u64
 *               | clusterId: 16 bytes (UUID, most significant first) | crc32c:u32 over the 32 before
 * record      = length:u32 (payload bytes) | crc32c:u32 over sequence and payload
 *               | sequence:u64 | payload
 * </pre>
 *
 * All integers are big-endian. Sequence numbers start at 1 and are contiguous across segments.
 *
 * <p>Versions: 1, the first.
 */
public final class JournalFormat {

  /** Format version 1: the first. */
  public static final int VERSION = 1;

  public static final String FORMAT_MARKER = "quire-journal.format";
  public static final String FORMAT_MAGIC = "QUIRE-JOURNAL";
  public static final String HOLDER = "quire-master.holder";
  /** Written when the journal moved to another folder: see {@link JournalMoved}. */
  public static final String MOVED = "quire-journal.moved";
  /** An OS-level lock file, an extra guard where the backend can enforce one (local disk). */
  public static final String LOCK = "quire-master.lock";

  public static final int SEGMENT_MAGIC = 0x514A4C47; // "QJLG"
  public static final int SEGMENT_HEADER_BYTES = 36;
  public static final int RECORD_HEADER_BYTES = 16;
  /** Largest payload a record may carry; a larger length field is damage, not data. */
  public static final int MAX_ENTRY_BYTES = 1 << 20;

  private static final Pattern SEALED = Pattern.compile("log-(\\d{19})-(\\d{19})\\.qlog");
  private static final Pattern OPEN = Pattern.compile("log-(\\d{19})\\.qlog\\.open");
  private static final Pattern TORN = Pattern.compile("log-\\d{19}(-\\d{19})?\\.qlog(\\.open)?\\.torn-\\d+");
  private static final Pattern TEMPORARY = Pattern.compile(".+\\.tmp");
  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d{19})\\.qckpt");
  private static final Pattern CHECKPOINT_TEMPORARY =
      Pattern.compile("checkpoint-\\d{19}\\.qckpt\\.[0-9a-f]{8}\\.tmp");
  private static final Pattern CHECKPOINT_CORRUPT = Pattern.compile("checkpoint-\\d{19}\\.qckpt\\.corrupt");

  private JournalFormat() {}

  public static String sealedSegmentName(long first, long last) {
    return String.format(Locale.ROOT, "log-%019d-%019d.qlog", first, last);
  }

  public static String openSegmentName(long first) {
    return String.format(Locale.ROOT, "log-%019d.qlog.open", first);
  }

  public static String tornSideFileName(String segment, long offset) {
    return segment + ".torn-" + offset;
  }

  public static String checkpointName(long sequence) {
    return String.format(Locale.ROOT, "checkpoint-%019d.qckpt", sequence);
  }

  /** @param writer 8 lowercase hex digits that tell concurrent writers apart */
  public static String checkpointTemporaryName(long sequence, String writer) {
    return checkpointName(sequence) + "." + writer + ".tmp";
  }

  public static String corruptCheckpointName(String checkpoint) {
    return checkpoint + ".corrupt";
  }

  /** @return the sequence number of a checkpoint's file name, or -1 if it names none */
  public static long parseCheckpointName(String name) {
    Matcher m = CHECKPOINT.matcher(name);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Whether {@code name} is a temporary file of a checkpoint being (or once) written. */
  public static boolean isCheckpointTemporary(String name) {
    return CHECKPOINT_TEMPORARY.matcher(name).matches();
  }

  /**
   * Parses a segment file name.
   *
   * @return {@code {first, last}} for a sealed segment, {@code {first, -1}} for an open one, or
   *     null if the name is not a segment's
   */
  public static long[] parseSegmentName(String name) {
    Matcher sealed = SEALED.matcher(name);
    if (sealed.matches()) {
      return new long[] {Long.parseLong(sealed.group(1)), Long.parseLong(sealed.group(2))};
    }
    Matcher open = OPEN.matcher(name);
    if (open.matches()) {
      return new long[] {Long.parseLong(open.group(1)), -1};
    }
    return null;
  }

  /** Whether Quire writes files of this name into a journal folder (format deletes only these). */
  public static boolean isQuireFile(String name) {
    return name.equals(FORMAT_MARKER) || name.equals(HOLDER) || name.equals(LOCK) || name.equals(MOVED)
        || parseSegmentName(name) != null || TORN.matcher(name).matches()
        || parseCheckpointName(name) >= 0 || isCheckpointTemporary(name)
        || CHECKPOINT_CORRUPT.matcher(name).matches()
        || (TEMPORARY.matcher(name).matches() && isQuireFile(name.substring(0, name.length() - 4)));
  }
}
