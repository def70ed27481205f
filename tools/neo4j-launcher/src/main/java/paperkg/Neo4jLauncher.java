package paperkg;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community embedded, as a test server: Bolt on a free loopback port, no
 * authentication, its home (databases, transaction logs, logs) in the directory given.
 *
 * <p>Usage: {@code Neo4jLauncher HOME}. Once the server answers a Bolt handshake on its
 * own port, the launcher writes {@code bolt://127.0.0.1:PORT} to {@code HOME/bolt-uri}
 * (atomically, so a reader never sees half a line); it then runs until it is sent
 * SIGTERM or SIGINT, when it shuts the databases down cleanly. The port is chosen by the
 * operating system (listen on port 0, then read the bound port back), so two servers
 * never race for one.
 */
public final class Neo4jLauncher {
    /** Bolt's magic preamble, then four proposed versions: 5.x (5.0-5.8), 4.4, none, none. */
    private static final byte[] HANDSHAKE = {
        0x60, 0x60, (byte) 0xB0, 0x17,
        0, 8, 8, 5, 0, 0, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0};

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: Neo4jLauncher HOME");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path uriFile = home.resolve("bolt-uri");
        Files.deleteIfExists(uriFile);

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.encryption_level,
                           BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)  // no usage reports
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                           ByteUnit.mebiBytes(Long.getLong("paperkg.pagecacheMb", 512)))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            stopped.countDown();
        }, "neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");
        InetSocketAddress bolt = boltAddress(db);
        answersBolt(bolt);

        String uri = "bolt://127.0.0.1:" + bolt.getPort();
        Path partial = home.resolve("bolt-uri.partial");
        Files.writeString(partial, uri + "\n", StandardCharsets.UTF_8);
        Files.move(partial, uriFile, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("paper-kg: Neo4j answers at " + uri);
        stopped.await();
    }

    /** The address the Bolt connector really bound (it was asked for port 0). */
    private static InetSocketAddress boltAddress(GraphDatabaseService db) {
        ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class);
        var address = ports.getLocalAddress(ConnectorType.BOLT);
        return new InetSocketAddress(address.getHost(), address.getPort());
    }

    /** Fails unless the port speaks Bolt: a client's handshake gets a version back. */
    private static void answersBolt(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(HANDSHAKE);
            out.flush();
            int version = new DataInputStream(socket.getInputStream()).readInt();
            if (version == 0) {
                throw new IOException("Bolt at " + address + " agreed no version");
            }
        }
    }
}
