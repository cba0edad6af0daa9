package io.quire.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * Reads HTTP/1.1 responses from one connection's input: status line, header fields, then a body
 * delimited by {@code Content-Length}, by chunked encoding, or (neither given) by the end of the
 * stream. Keeps what it read ahead for the next response. Not thread-safe.
 */
final class HttpResponseReader {
  private static final int MAX_LINE = 8192;
  private static final int MAX_FIELDS = 100;

  private final InputStream in;
  private final byte[] buffer = new byte[8192];
  private int pos;
  private int limit;
  private final StringBuilder line = new StringBuilder(64);

  HttpResponseReader(InputStream in) {
    this.in = in;
  }

  /** Reads one whole response; skips interim {@code 1xx} answers. */
  HttpAnswer read() throws IOException {
    while (true) {
      String statusLine = readLine();
      int status = parseStatus(statusLine);
      boolean http10 = statusLine.startsWith("HTTP/1.0");
      long length = -1;
      boolean chunked = false;
      boolean close = http10;
      String field;
      int fields = 0;
      while (!(field = readLine()).isEmpty()) {
        if (++fields > MAX_FIELDS) {
          throw new ProtocolException("more than " + MAX_FIELDS + " header fields");
        }
        int colon = field.indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("malformed header field: " + field);
        }
        String name = field.substring(0, colon).trim();
        String value = field.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = parseLength(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
          chunked = value.regionMatches(true, value.length() - 7, "chunked", 0, 7);
        } else if (name.equalsIgnoreCase("Connection")) {
          close = value.equalsIgnoreCase("close") || (http10 && !value.equalsIgnoreCase("keep-alive"));
        }
      }
      if (status >= 100 && status < 200) {
        continue;
      }
      if (status == 204 || status == 304) {
        return new HttpAnswer(status, new byte[0], !close);
      }
      if (chunked) {
        return new HttpAnswer(status, readChunked(), !close);
      }
      if (length >= 0) {
        return new HttpAnswer(status, readFully((int) length), !close);
      }
      return new HttpAnswer(status, readToEnd(), false);
    }
  }

  private static int parseStatus(String statusLine) throws ProtocolException {
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12
        || statusLine.charAt(8) != ' ') {
      throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
    }
    try {
      return Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
    }
  }

  private static long parseLength(String value) throws ProtocolException {
    try {
      long length = Long.parseLong(value);
      if (length >= 0 && length <= Integer.MAX_VALUE - 8) {
        return length;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ProtocolException("bad Content-Length: " + value);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("bad chunk size: " + sizeLine);
      }
      if (size < 0 || body.size() + (long) size > Integer.MAX_VALUE - 8) {
        throw new ProtocolException("chunk too large: " + sizeLine);
      }
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailer fields: none that matter here
        }
        return body.toByteArray();
      }
      body.write(readFully(size));
      if (!readLine().isEmpty()) {
        throw new ProtocolException("chunk of " + size + " bytes not followed by CRLF");
      }
    }
  }

  private byte[] readFully(int length) throws IOException {
    byte[] out = new byte[length];
    int done = Math.min(length, limit - pos);
    System.arraycopy(buffer, pos, out, 0, done);
    pos += done;
    while (done < length) {
      int n = in.read(out, done, length - done);
      if (n < 0) {
        throw new EOFException("connection closed after " + done + " of " + length
            + " body bytes");
      }
      done += n;
    }
    return out;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(buffer, pos, limit - pos);
    pos = limit;
    in.transferTo(body);
    return body.toByteArray();
  }

  /** A line without its CRLF (or bare LF), as ISO-8859-1. */
  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      if (pos == limit && !fill()) {
        throw new EOFException(line.length() == 0 ? "connection closed before a response"
            : "connection closed in the middle of a response header");
      }
      byte b = buffer[pos++];
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() == MAX_LINE) {
        throw new ProtocolException("response header line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) (b & 0xff));
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  /** Whether bytes were read ahead that no request asked for. */
  boolean hasBufferedBytes() {
    return pos < limit;
  }
}
