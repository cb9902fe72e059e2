package datacontext.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts a Neo4j Community DBMS with the Bolt connector on a loopback port and prints
 * {@code bolt://127.0.0.1:PORT} on stdout once it accepts connections.
 *
 * <p>Arguments: {@code --home DIR} (the DBMS's home, data kept there, so a second launcher on the
 * same home sees the first one's graph; default: a fresh temporary directory, deleted on exit) and
 * {@code --port N} (default: a free port) and {@code --pagecache-mb N} (default 128: enough for the
 * tests' graphs; a benchmark of a few hundred thousand nodes wants its store files in memory). It stops when stdin closes (the parent died or let go)
 * or on SIGTERM. Authentication is off: the tests reach it on loopback only.
 */
public final class Launcher {
  public static void main(String[] args) throws Exception {
    Path home = null;
    int port = 0;
    long pagecacheMb = 128;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--home" -> home = Path.of(args[++i]);
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--pagecache-mb" -> pagecacheMb = Long.parseLong(args[++i]);
        default -> {
          System.err.println("neo4j-launcher: unknown argument " + args[i] + " (--home DIR, --port N, --pagecache-mb N)");
          System.exit(64);
        }
      }
    }
    boolean temporary = home == null;
    if (temporary) home = Files.createTempDirectory("neo4j-launcher-");
    if (port == 0) port = freePort();

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
        .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
        .setConfig(HttpConnector.enabled, false)
        .setConfig(GraphDatabaseSettings.auth_enabled, false)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
        .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Path finalHome = home;
    Runnable stop = () -> {
      try {
        dbms.shutdown();
      } finally {
        if (temporary) deleteTree(finalHome);
        stopped.countDown();
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (stopped.getCount() > 0) stop.run();
    }));

    // build() returns with the DBMS started; the default database may still be coming up.
    if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(120_000)) {
      System.err.println("neo4j-launcher: the default database did not become available within 120 s");
      stop.run();
      System.exit(70);
    }
    System.out.println("bolt://127.0.0.1:" + port);
    System.out.flush();

    Thread stdinWatch = new Thread(() -> {
      try (InputStream in = System.in) {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
          // Anything written is ignored; only the end of the stream matters.
        }
      } catch (IOException ignored) {
        // A broken stdin is the parent gone, the same as its end.
      }
      System.exit(0);
    }, "stdin-watch");
    stdinWatch.setDaemon(true);
    stdinWatch.start();
    stopped.await();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory left behind is harmless.
    }
  }
}
