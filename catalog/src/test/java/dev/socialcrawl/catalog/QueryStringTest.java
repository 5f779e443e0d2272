package dev.socialcrawl.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void pairsAreDecodedOnceWithPlusAsASpaceAndSemicolonsKept() {
        assertEquals(Map.of("handle", List.of("a b;c&d=é")),
                QueryString.decode("handle=a+b;c%26d%3D%C3%A9"));
    }

    @Test
    void repeatedNamesKeepEveryValueInOrderAndBareNamesAreEmpty() {
        assertEquals(Map.of("a", List.of("1", "2"), "b", List.of("")), QueryString.decode("a=1&&b&a=2&"));
    }

    @Test
    void nothingIsNoParams() {
        assertEquals(Map.of(), QueryString.decode(null));
        assertEquals(Map.of(), QueryString.decode(""));
    }

    @Test
    void aMalformedEscapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryString.decode("handle=%zz"));
        assertThrows(IllegalArgumentException.class, () -> QueryString.decode("handle=abc%"));
    }
}
