package io.quire.client.cli;

import io.quire.client.FileEntry;
import io.quire.client.QuireException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Records calls and keeps a flat sorted map of paths; refuses like the master does. */
final class FakeBackend implements FsBackend {
  final List<String> calls = new ArrayList<>();
  final TreeMap<String, Boolean> entries = new TreeMap<>(); // path -> directory
  IOException down;

  private void check(String call) throws IOException {
    calls.add(call);
    if (down != null) {
      throw down;
    }
  }

  private static QuireException error(String code, String message, String path) {
    return new QuireException(code, message + ": " + path, path, 409);
  }

  @Override
  public void mkdir(String path, boolean parents) throws IOException {
    check("mkdir " + path + (parents ? " parents" : ""));
    if (entries.containsKey(path) && !parents) {
      throw error("ALREADY_EXISTS", "already exists", path);
    }
    entries.put(path, true);
  }

  @Override
  public void touch(String path) throws IOException {
    check("touch " + path);
    if (entries.containsKey(path)) {
      throw error("ALREADY_EXISTS", "already exists", path);
    }
    entries.put(path, false);
  }

  @Override
  public void mv(String src, String dst) throws IOException {
    check("mv " + src + " -> " + dst);
    Boolean dir = entries.remove(src);
    if (dir == null) {
      throw error("NOT_FOUND", "no such file or directory", src);
    }
    entries.put(dst, dir);
  }

  @Override
  public void rm(String path, boolean recursive) throws IOException {
    check("rm " + path + (recursive ? " recursive" : ""));
    if (entries.remove(path) == null) {
      throw error("NOT_FOUND", "no such file or directory", path);
    }
  }

  @Override
  public List<FileEntry> ls(String path, boolean recursive) throws IOException {
    check("ls " + path + (recursive ? " recursive" : ""));
    List<FileEntry> result = new ArrayList<>();
    entries.forEach((p, dir) -> {
      if (p.startsWith(path.endsWith("/") ? path : path + "/")) {
        result.add(entry(p, dir));
      }
    });
    return result;
  }

  @Override
  public FileEntry stat(String path) throws IOException {
    check("stat " + path);
    Boolean dir = entries.get(path);
    if (dir == null) {
      throw error("NOT_FOUND", "no such file or directory", path);
    }
    return entry(path, dir);
  }

  private static FileEntry entry(String path, boolean dir) {
    return new FileEntry(path, dir, path.length(), "alice", dir ? 0755 : 0644,
        Instant.parse("2026-11-22T04:05:06.007Z"), 0);
  }
}
