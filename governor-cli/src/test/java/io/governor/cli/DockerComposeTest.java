package io.governor.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.governor.testkit.TestcontainersKafkaBroker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/** docker-compose.yml runs images and command lines that exist: it cannot drift from the pom or the CLI. */
class DockerComposeTest {
    /**
     * Commands docker-compose.yml already runs but the CLI does not have yet. When one is registered this test
     * fails until its name is removed here, so from then on its flags are checked against the real command.
     */
    private static final Set<String> NOT_YET_IMPLEMENTED = Set.of();

    private final Path root = RepositoryFiles.root();
    private final JsonNode compose = readCompose();

    @Test
    void shouldRunTheImageJibBuilds() throws Exception {
        String jibImage = jibImage();

        Map<String, String> governorImages = new TreeMap<>();
        governorServices().forEach((name, service) -> governorImages.put(name, service.path("image").asText()));

        assertEquals(Set.of("governor", "executor", "simulator"), governorImages.keySet());
        governorImages.forEach((name, image) -> assertEquals(jibImage, image, "image of service " + name));
    }

    @Test
    void shouldRunTheKafkaImageTheTestkitUses() {
        assertEquals(TestcontainersKafkaBroker.DEFAULT_IMAGE, compose.path("services").path("kafka").path("image").asText());
    }

    @Test
    void shouldRunOnlyCommandLinesTheCliAccepts() {
        CommandLine cli = GovernorCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Map<String, CommandLine> registered = cli.getSubcommands();
        for (String name : NOT_YET_IMPLEMENTED) {
            assertFalse(registered.containsKey(name), "'" + name + "' is now a real command: remove it from"
                    + " DockerComposeTest.NOT_YET_IMPLEMENTED so that docker-compose.yml is checked against it");
        }
        governorServices().forEach((service, definition) -> {
            String[] args = command(definition);
            String command = args[0];
            if (registered.containsKey(command)) {
                CommandLine fresh = GovernorCommand.commandLine(new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()));
                assertDoesNotThrow(() -> fresh.parseArgs(args), "service " + service + ": " + String.join(" ", args));
            } else {
                assertTrue(NOT_YET_IMPLEMENTED.contains(command), "service " + service + " runs '" + command
                        + "', which is neither a command nor in NOT_YET_IMPLEMENTED");
            }
        });
    }

    @Test
    void shouldPointEveryBootstrapAtAnAdvertisedKafkaListener() {
        String advertised = compose.path("services").path("kafka").path("environment")
                .path("KAFKA_ADVERTISED_LISTENERS").asText();
        List<String> hostPorts = new ArrayList<>();
        for (String listener : advertised.split(",")) {
            hostPorts.add(listener.substring(listener.indexOf("://") + 3));
        }
        governorServices().forEach((service, definition) -> {
            List<String> args = Arrays.asList(command(definition));
            int at = args.indexOf("--bootstrap");
            if (at < 0 && args.get(0).equals("simulate") && !args.contains("--live")) {
                return; // a virtual-time simulation needs no broker
            }
            assertTrue(at >= 0, "service " + service + " has no --bootstrap");
            assertTrue(hostPorts.contains(args.get(at + 1)),
                    "service " + service + " --bootstrap " + args.get(at + 1) + " is not among " + hostPorts);
        });
    }

    @Test
    void shouldMountEveryConfigFileACommandNames() {
        governorServices().forEach((service, definition) -> {
            for (String arg : command(definition)) {
                if (arg.startsWith("/config/")) {
                    Path onHost = hostDirectoryOf(definition, "/config").resolve(arg.substring("/config/".length()));
                    assertTrue(Files.isRegularFile(onHost), "service " + service + " reads " + arg + ", but " + onHost
                            + " does not exist");
                }
            }
        });
    }

    private Map<String, JsonNode> governorServices() {
        Map<String, JsonNode> services = new TreeMap<>();
        for (Map.Entry<String, JsonNode> service : compose.path("services").properties()) {
            if (service.getValue().path("image").asText().startsWith("governor/")) {
                services.put(service.getKey(), service.getValue());
            }
        }
        return services;
    }

    private static String[] command(JsonNode service) {
        List<String> args = new ArrayList<>();
        service.path("command").forEach(arg -> args.add(arg.asText()));
        assertFalse(args.isEmpty(), "command must be a non-empty list: " + service);
        return args.toArray(String[]::new);
    }

    private Path hostDirectoryOf(JsonNode service, String containerPath) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].equals(containerPath)) {
                return root.resolve(parts[0]).normalize();
            }
        }
        throw new AssertionError("no volume mounted at " + containerPath + " in " + service);
    }

    /** The Jib {@code <to><image>} of governor-cli/pom.xml with {@code ${project.version}} resolved. */
    private String jibImage() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document pom = factory.newDocumentBuilder().parse(root.resolve("governor-cli/pom.xml").toFile());
        Element project = pom.getDocumentElement();
        String version = childText(project, "version");
        if (version == null) {
            version = childText((Element) project.getElementsByTagName("parent").item(0), "version");
        }
        NodeList plugins = project.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("jib-maven-plugin".equals(childText(plugin, "artifactId"))) {
                Element to = (Element) plugin.getElementsByTagName("to").item(0);
                return childText(to, "image").replace("${project.version}", version);
            }
        }
        throw new AssertionError("no jib-maven-plugin in governor-cli/pom.xml");
    }

    private static String childText(Element parent, String name) {
        for (org.w3c.dom.Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private JsonNode readCompose() {
        try {
            return new YAMLMapper().readTree(root.resolve("docker-compose.yml").toFile());
        } catch (IOException e) {
            throw new AssertionError("docker-compose.yml is not valid YAML: " + e.getMessage(), e);
        }
    }
}
