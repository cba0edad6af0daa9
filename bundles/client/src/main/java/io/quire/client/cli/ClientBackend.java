package io.quire.client.cli;

import io.quire.client.FileEntry;
import io.quire.client.QuireClient;
import java.io.IOException;
import java.util.List;

/** {@link FsBackend} over a {@link QuireClient}. */
final class ClientBackend implements FsBackend {
  private final QuireClient client;

  ClientBackend(QuireClient client) {
    this.client = client;
  }

  @Override
  public void mkdir(String path, boolean parents) throws IOException, InterruptedException {
    client.mkdir(path, parents);
  }

  @Override
  public void touch(String path) throws IOException, InterruptedException {
    client.touch(path);
  }

  @Override
  public void mv(String src, String dst) throws IOException, InterruptedException {
    client.mv(src, dst);
  }

  @Override
  public void rm(String path, boolean recursive) throws IOException, InterruptedException {
    client.rm(path, recursive);
  }

  @Override
  public List<FileEntry> ls(String path, boolean recursive)
      throws IOException, InterruptedException {
    return client.ls(path, recursive);
  }

  @Override
  public FileEntry stat(String path) throws IOException, InterruptedException {
    return client.stat(path);
  }
}
