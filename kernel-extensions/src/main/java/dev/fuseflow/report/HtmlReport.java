package dev.fuseflow.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns nbconvert's HTML into the report: the provenance block first in the body, and no references to
 * files or servers outside the page (nbconvert links require.js and MathJax by URL, which another machine
 * may lack; the outputs need neither), so the one file is the whole report.
 */
public final class HtmlReport {

    private static final Pattern BODY = Pattern.compile("<body\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL_SCRIPT = Pattern.compile(
            "<script\\b[^>]*\\bsrc\\s*=\\s*[\"'][^\"']*[\"'][^>]*>\\s*</script>\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL_STYLESHEET = Pattern.compile(
            "<link\\b[^>]*\\brel\\s*=\\s*[\"']stylesheet[\"'][^>]*\\bhref\\s*=\\s*[\"'](?:https?:|file:|//)[^\"']*[\"'][^>]*>\\s*",
            Pattern.CASE_INSENSITIVE);

    private HtmlReport() {
    }

    /** {@code html} with {@code block} at the start of its body and external scripts and stylesheets removed. */
    public static String assemble(String html, String block) {
        String standalone = EXTERNAL_STYLESHEET.matcher(EXTERNAL_SCRIPT.matcher(html).replaceAll(""))
                .replaceAll("");
        Matcher body = BODY.matcher(standalone);
        if (!body.find()) {
            return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + block + standalone
                    + "\n</body></html>\n";
        }
        return standalone.substring(0, body.end()) + "\n" + block + standalone.substring(body.end());
    }
}
