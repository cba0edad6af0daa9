package io.quire.client.internal;

import java.nio.charset.StandardCharsets;

/**
 * Builds whole HTTP/1.1 requests as one byte array, so that a request leaves in one write (one
 * TCP segment for the small bodies of the client API, whatever Nagle would do).
 */
public final class HttpRequestBytes {
  private HttpRequestBytes() {}

  /** A POST of a JSON body; {@code target} is the absolute path, e.g. {@code /api/v1/mkdir}. */
  public static byte[] post(String hostHeader, String target, byte[] json) {
    byte[] head = head("POST", hostHeader, target,
        "Content-Type: application/json\r\nContent-Length: " + json.length + "\r\n");
    byte[] request = new byte[head.length + json.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(json, 0, request, head.length, json.length);
    return request;
  }

  /** A GET; {@code target} is the absolute path with its (already encoded) query. */
  public static byte[] get(String hostHeader, String target) {
    return head("GET", hostHeader, target, "");
  }

  private static byte[] head(String method, String hostHeader, String target, String fields) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new IllegalArgumentException("request target must be encoded: " + target);
      }
    }
    String head = method + " " + target + " HTTP/1.1\r\nHost: " + hostHeader
        + "\r\nAccept: application/json\r\n" + fields + "\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }
}
