package dev.socialcrawl.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Evaluates Kubernetes NetworkPolicy semantics over rendered objects: a connection is allowed when the source's
 * egress and the destination's ingress both allow it; a pod that no policy of a direction selects is not
 * isolated in that direction. ipBlock peers match external addresses only (for pods it is CNI-specific).
 */
final class NetworkPolicies {

    /** One end of a connection: a pod (namespace + labels) or an address outside the cluster. */
    sealed interface Peer permits Pod, External {
    }

    record Pod(String namespace, Map<String, String> labels) implements Peer {
    }

    record External(String ip) implements Peer {
    }

    private final List<JsonNode> policies;

    NetworkPolicies(List<JsonNode> policies) {
        this.policies = policies;
    }

    boolean allows(Peer from, Peer to, String protocol, int port) {
        boolean egress = !(from instanceof Pod src) || directionAllows(src, "Egress", "egress", "to", to, protocol, port);
        boolean ingress = !(to instanceof Pod dst) || directionAllows(dst, "Ingress", "ingress", "from", from, protocol, port);
        return egress && ingress;
    }

    /** The destination's side only: would its ingress policies accept the connection whatever the source's egress. */
    boolean ingressAllows(Peer from, Pod to, String protocol, int port) {
        return directionAllows(to, "Ingress", "ingress", "from", from, protocol, port);
    }

    private boolean directionAllows(Pod subject, String type, String rulesField, String peersField, Peer other,
            String protocol, int port) {
        boolean isolated = false;
        for (JsonNode policy : policies) {
            if (!Rendered.namespaceOf(policy).equals(subject.namespace())
                    || !selects(policy.path("spec").path("podSelector"), subject.labels())
                    || !policyTypes(policy).contains(type)) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : policy.path("spec").path(rulesField)) {
                if (portsMatch(rule.path("ports"), protocol, port)
                        && peersMatch(rule.path(peersField), other, Rendered.namespaceOf(policy))) {
                    return true;
                }
            }
        }
        return !isolated;
    }

    private static List<String> policyTypes(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        if (types.isMissingNode()) {
            return policy.path("spec").has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
        }
        return StreamSupport.stream(types.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static boolean portsMatch(JsonNode ports, String protocol, int port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            if (p.path("port").isTextual()) {
                fail("named ports in NetworkPolicies are not supported by this check: " + p);
            }
            boolean protocolMatches = p.path("protocol").asText("TCP").equals(protocol);
            boolean portMatches = !p.has("port") || p.path("port").asInt() == port
                    || (p.has("endPort") && port >= p.path("port").asInt() && port <= p.path("endPort").asInt());
            if (protocolMatches && portMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean peersMatch(JsonNode peers, Peer other, String policyNamespace) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            if (peerMatches(peer, other, policyNamespace)) {
                return true;
            }
        }
        return false;
    }

    private static boolean peerMatches(JsonNode peer, Peer other, String policyNamespace) {
        if (peer.has("ipBlock")) {
            return other instanceof External ext && inBlock(peer.path("ipBlock"), ext.ip());
        }
        if (!(other instanceof Pod pod)) {
            return false;
        }
        boolean namespaceOk = peer.has("namespaceSelector")
                ? selects(peer.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", pod.namespace()))
                : pod.namespace().equals(policyNamespace);
        boolean podOk = !peer.has("podSelector") || selects(peer.path("podSelector"), pod.labels());
        return namespaceOk && podOk;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        var fields = selector.path("matchLabels").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = StreamSupport.stream(expression.path("values").spliterator(), false)
                    .map(JsonNode::asText).toList();
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> fail("unknown selector operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(JsonNode ipBlock, String ip) {
        if (!inCidr(ipBlock.path("cidr").asText(), ip)) {
            return false;
        }
        for (JsonNode except : ipBlock.path("except")) {
            if (inCidr(except.asText(), ip)) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(parts[0]) & mask) == (ipv4(ip) & mask);
    }

    private static long ipv4(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            fail("only IPv4 addresses are supported by this check: " + address);
        }
        long value = 0;
        for (String octet : octets) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
