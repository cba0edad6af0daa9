package io.quire.nfsclient;

import com.emc.ecs.nfsclient.network.Connection;
import com.emc.ecs.nfsclient.network.NetMgr;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Closes the client's TCP connections to one NFS server.
 *
 * <p>The client keeps one connection per server address and port (NFS, MOUNT, portmapper) in
 * {@link NetMgr}, a process-wide singleton whose only public way out is {@link NetMgr#shutdown},
 * which stops its threads for every user for good. nfs-client 1.1.0 has no call that closes the
 * connections to one server, so this reaches the two connection maps it keeps privately and
 * closes each matching connection as the client does itself when a channel breaks
 * ({@code Connection.close}: the channel closed, the connection dropped from the map, waiting
 * calls failed). A later call to that server opens a new connection.
 */
public final class NfsConnections {

  private NfsConnections() {}

  /**
   * Closes every connection to any address of {@code host}, whatever the port.
   *
   * @return how many connections were closed
   * @throws IllegalStateException the client's internals are not what this version expects
   */
  public static int closeAll(String host) {
    Set<String> addresses = addresses(host);
    int closed = 0;
    for (String mapName : new String[] {"_connectionMap", "_privilegedConnectionMap"}) {
      for (Map.Entry<InetSocketAddress, Connection> entry : connections(mapName).entrySet()) {
        if (addresses.contains(entry.getKey().getHostString())) {
          close(entry.getValue());
          closed++;
        }
      }
    }
    return closed;
  }

  private static Set<String> addresses(String host) {
    Set<String> addresses = new HashSet<>();
    addresses.add(host);
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        addresses.add(address.getHostAddress());
      }
    } catch (UnknownHostException e) {
      // no address to match beyond the name itself
    }
    return addresses;
  }

  @SuppressWarnings("unchecked")
  private static Map<InetSocketAddress, Connection> connections(String field) {
    try {
      Field map = NetMgr.class.getDeclaredField(field);
      map.setAccessible(true);
      return (Map<InetSocketAddress, Connection>) map.get(NetMgr.getInstance());
    } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException("nfs-client's NetMgr has no connection map '" + field
          + "' (a version other than 1.1.0?): " + e, e);
    }
  }

  private static void close(Connection connection) {
    try {
      Method close = Connection.class.getDeclaredMethod("close");
      close.setAccessible(true);
      close.invoke(connection);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("closing the NFS connection to "
          + connection.getRemoteAddress() + " failed: " + e.getCause(), e.getCause());
    } catch (NoSuchMethodException | IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException("nfs-client's Connection has no close() (a version other "
          + "than 1.1.0?): " + e, e);
    }
  }
}
