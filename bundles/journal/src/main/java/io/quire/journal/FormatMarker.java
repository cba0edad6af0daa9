package io.quire.journal;

import java.time.Instant;

/**
 * The content of the folder's format marker ({@value JournalFormat#FORMAT_MARKER}).
 *
 * @param clusterId identifies the journal; segments and backups carry it so that files of
 *     two journals are never mixed
 * @param formatVersion the on-disk grammar version
 * @param created when {@code bin/quire format} wrote the marker
 */
public record FormatMarker(String clusterId, int formatVersion, Instant created) {}
