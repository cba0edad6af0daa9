package io.quire.client.cli;

import io.quire.client.FileEntry;
import java.io.IOException;
import java.util.List;

/** What {@code fs} needs from a master; {@link ClientBackend} in production, fakes in tests. */
interface FsBackend {
  void mkdir(String path, boolean parents) throws IOException, InterruptedException;

  void touch(String path) throws IOException, InterruptedException;

  void mv(String src, String dst) throws IOException, InterruptedException;

  void rm(String path, boolean recursive) throws IOException, InterruptedException;

  List<FileEntry> ls(String path, boolean recursive) throws IOException, InterruptedException;

  FileEntry stat(String path) throws IOException, InterruptedException;
}
