package io.quire.master.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;

/**
 * The GET side of the client API: {@code stat}, {@code list} and {@code status}, each answered
 * from one snapshot taken without locks, so a listing is consistent while writes go on.
 */
final class ReadEndpoints {
  private final Namespace namespace;

  ReadEndpoints(Namespace namespace) {
    this.namespace = namespace;
  }

  void handle(String endpoint, HttpServletRequest req, HttpServletResponse resp)
      throws IOException, NamespaceException, BadRequestException {
    NamespaceSnapshot snapshot = namespace.snapshot();
    switch (endpoint) {
      case "stat" -> stat(snapshot, req, resp);
      case "list" -> list(snapshot, req, resp);
      case "status" -> status(snapshot, resp);
      default -> ApiServlet.sendError(resp, ApiError.noSuchEndpoint("GET", endpoint));
    }
  }

  private static void stat(NamespaceSnapshot snapshot, HttpServletRequest req,
      HttpServletResponse resp) throws IOException, NamespaceException, BadRequestException {
    FsPath path = path(req);
    Inode inode = snapshot.resolve(path);
    JsonWriter json = new JsonWriter(new StringBuilder(256));
    InodeJson.write(json, path.toString(), inode);
    ApiServlet.sendJson(resp, 200, json.buffer().toString());
  }

  private static void list(NamespaceSnapshot snapshot, HttpServletRequest req,
      HttpServletResponse resp) throws IOException, NamespaceException, BadRequestException {
    FsPath path = path(req);
    boolean recursive = Boolean.parseBoolean(req.getParameter("recursive"));
    String after = req.getParameter("after");
    long limit = limit(req.getParameter("limit"));
    if (recursive && (after != null || limit != Long.MAX_VALUE)) {
      throw new BadRequestException("'after' and 'limit' page one directory; "
          + "they do not apply to recursive listings");
    }
    Inode inode = snapshot.resolve(path);
    resp.setStatus(200);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    Writer out = resp.getWriter();
    InodeJson.writeListing(out, path, inode, recursive, after, limit);
  }

  private static void status(NamespaceSnapshot snapshot, HttpServletResponse resp)
      throws IOException {
    JsonWriter json = new JsonWriter(new StringBuilder(128));
    json.beginObject().name("inodeCount").value(snapshot.inodeCount())
        .name("lastAppliedSequence").value(snapshot.lastAppliedSequence()).endObject();
    ApiServlet.sendJson(resp, 200, json.buffer().toString());
  }

  private static FsPath path(HttpServletRequest req) throws BadRequestException,
      NamespaceException {
    String path = req.getParameter("path");
    if (path == null) {
      throw new BadRequestException("query parameter 'path' is required");
    }
    return FsPath.parse(path);
  }

  private static long limit(String value) throws BadRequestException {
    if (value == null) {
      return Long.MAX_VALUE;
    }
    try {
      long limit = Long.parseLong(value);
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // refused below with the rule
    }
    throw new BadRequestException("query parameter 'limit' must be a positive integer, not "
        + value);
  }
}
