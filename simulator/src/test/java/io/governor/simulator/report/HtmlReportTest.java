package io.governor.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.governor.schemas.scenario.Scenario;
import io.governor.schemas.scenario.ScenarioLoader;
import io.governor.simulator.Simulation;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report: self-contained, deterministic, and its charts really drawn — checked by rendering the page in
 * headless Chromium and looking for each chart's series colours inside that chart's plot area of the screenshot.
 */
class HtmlReportTest {
    private static Simulation.Charted run;

    @BeforeAll
    static void runSmallCrawl() {
        Scenario s = ScenarioLoader.parse("crawl.yaml", """
                name: crawl-html
                seed: 7
                start: 2026-01-05T09:00:00-03:00
                duration: 20m
                policy:
                  accounts:
                    pncp:
                      lanes: { members: [ ip-1, ip-2, ip-3, ip-4 ], limits: [ { max: 60, per: 1m }, { max: 300, per: 1h } ] }
                      priorities: { NORMAL: 0.95 }
                upstream:
                  pncp:
                    limits: [ { max: 60, per: 1m }, { max: 300, per: 1h } ]
                    perLane: true
                    banAfterViolations: 10
                traffic:
                  - { account: pncp, backlog: 900 }
                  - { account: pncp, rate: 2/m, priority: HIGH, tenant: ui, deadline: 30m }
                """, Path.of("."));
        run = new Simulation(s).runCharted(true, RunEvents.NONE, Progress.SILENT);
    }

    private static String page() {
        return HtmlReport.render(run.report().withWallSeconds(0), run.governor(), run.baseline());
    }

    @Test
    void shouldNeedNothingFromTheNetwork() {
        String html = page();
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"),
                "the page refers to the network");
        assertFalse(html.contains("<script src") || html.contains("<link") || html.contains("<img"),
                "the page loads something");
        assertEquals(HtmlReport.CHARTS.size(), count(html, "<svg "));
    }

    @Test
    void shouldRenderTheSameRunToTheSameBytes() {
        assertEquals(page(), page());
    }

    @Test
    void shouldShowTheSummaryTableWithTheBaseline() {
        String html = page();
        assertTrue(html.contains("<td>efficiency</td>"), "summary row");
        assertTrue(html.contains("pncp naive"), "baseline columns");
        assertTrue(html.contains("seed 7"), "the seed");
    }

    @Test
    void shouldDrawEveryChartWhenRenderedInHeadlessChromium(@TempDir Path dir) throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "Chromium is not installed (Debian package `chromium`; .ci/run "
                + "installs it), so the HTML report's rendering is not checked here");
        Path html = dir.resolve("report.html");
        Path png = dir.resolve("report.png");
        Files.writeString(html, page());
        int height = HtmlReport.HEADER_PX + HtmlReport.CHARTS.size() * SvgChart.HEIGHT + 600;
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--screenshot=" + png, "--window-size=1300," + height,
                html.toUri().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish in 90 s");
        assertTrue(Files.size(png) > 0, "no screenshot: " + Files.readString(dir.resolve("chromium.log")));
        BufferedImage image = ImageIO.read(png.toFile());

        Map<String, List<String>> expected = Map.of(
                "calls", List.of(HtmlReport.GOVERNOR, HtmlReport.BASELINE),
                "windows", List.of(HtmlReport.PALETTE.get(0), HtmlReport.PALETTE.get(1)),
                "queue", List.of(HtmlReport.GOVERNOR, HtmlReport.BASELINE),
                "waits", List.of(HtmlReport.PALETTE.get(0), HtmlReport.PALETTE.get(1)),
                "rateLimited", List.of(HtmlReport.GOVERNOR, HtmlReport.BASELINE));
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < HtmlReport.CHARTS.size(); i++) {
            String chart = HtmlReport.CHARTS.get(i);
            int top = HtmlReport.HEADER_PX + i * SvgChart.HEIGHT + SvgChart.TOP;
            int bottom = HtmlReport.HEADER_PX + (i + 1) * SvgChart.HEIGHT - SvgChart.BOTTOM + 2;
            for (String colour : expected.get(chart)) {
                long n = pixelsNear(image, SvgChart.LEFT, top, SvgChart.WIDTH - SvgChart.RIGHT, bottom, colour);
                if (n < 40) {
                    missing.add(chart + " " + colour + " (" + n + " px)");
                }
            }
        }
        assertTrue(missing.isEmpty(), "series not drawn in their chart's plot area: " + missing
                + "; screenshot kept at " + keep(png));
    }

    private static String keep(Path png) throws IOException {
        Path kept = Path.of("target", "html-report-test.png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return kept.toAbsolutePath().toString();
    }

    /** Pixels in [x0,x1)×[y0,y1) within a small distance of {@code hex} (anti-aliasing blends the edges). */
    private static long pixelsNear(BufferedImage image, int x0, int y0, int x1, int y1, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        long n = 0;
        for (int y = Math.max(0, y0); y < Math.min(image.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(image.getWidth(), x1); x++) {
                int rgb = image.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xff) - ((want >> 16) & 0xff);
                int dg = ((rgb >> 8) & 0xff) - ((want >> 8) & 0xff);
                int db = (rgb & 0xff) - (want & 0xff);
                if (dr * dr + dg * dg + db * db <= 30 * 30) {
                    n++;
                }
            }
        }
        return n;
    }

    private static String chromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                File f = new File(dir, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
