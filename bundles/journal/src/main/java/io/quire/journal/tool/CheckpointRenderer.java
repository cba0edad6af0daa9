package io.quire.journal.tool;

import io.quire.journal.state.StateFileHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads a checkpoint's body, the state's own records, for {@code journal verify} and
 * {@code journal dump --checkpoint}. The journal checks the container (header, chunk checksums,
 * end) but does not know what the records mean; the master supplies a renderer that does, so
 * the tool rejects exactly the images a master would refuse to load.
 */
@FunctionalInterface
public interface CheckpointRenderer {

  /**
   * Reads the whole body and hands on each record as one line of text.
   *
   * @param source the checkpoint's file name, for messages
   * @param header what the file says about itself (its sequence number, cluster, creation)
   * @param body the body's bytes, each chunk checked before it is handed out
   * @param lines receives one line per record, in the body's order
   * @return how many records were read; the journal compares it with the count at the file's
   *     end
   * @throws io.quire.journal.state.CorruptStateFileException the records are malformed
   */
  long render(String source, StateFileHeader header, InputStream body, Consumer<String> lines)
      throws IOException;
}
