package io.quire.storage.nfs;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an {@code nfs://host/path} folder is: the server, and the folder's path as the server
 * names it (NFSv3 servers export real paths, so the path starts with the export's own path).
 * Which leading part of the path is the export is found when the client mounts it (see
 * {@link NfsMount}): the URI need not say.
 *
 * @param host the server's name or address
 * @param path the folder's absolute path on the server, normalized, without a trailing slash
 */
public record NfsLocation(String host, String path) {

  /** Parses an {@code nfs://host/path} URI. */
  public static NfsLocation parse(URI folder) throws IOException {
    if (!"nfs".equals(folder.getScheme()) || folder.getHost() == null) {
      throw invalid(folder, "give nfs://host/export/dir");
    }
    if (folder.getPort() != -1) {
      throw invalid(folder, "no port: the client asks the server's portmapper (port 111) for it");
    }
    if (folder.getRawQuery() != null || folder.getRawFragment() != null
        || folder.getRawUserInfo() != null) {
      throw invalid(folder, "give nfs://host/export/dir, without user, query or fragment");
    }
    String path = folder.getPath();
    if (path == null || !path.startsWith("/")) {
      throw invalid(folder, "the folder's path on the server is missing");
    }
    List<String> parts = components(path);
    for (String part : parts) {
      if (part.equals(".") || part.equals("..")) {
        throw invalid(folder, "'.' and '..' are not allowed in the path");
      }
    }
    return new NfsLocation(folder.getHost(), "/" + String.join("/", parts));
  }

  /** The path's non-empty components, root first. */
  public List<String> components() {
    return components(path);
  }

  public URI uri() {
    return URI.create("nfs://" + host + path);
  }

  private static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static IOException invalid(URI folder, String why) {
    return new IOException("not an NFS folder: '" + folder + "'; " + why);
  }
}
