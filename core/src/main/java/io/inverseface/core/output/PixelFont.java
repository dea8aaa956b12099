package io.inverseface.core.output;

import io.inverseface.render.RgbImage;

/**
 * A 3×5 pixel font with just the characters legends need (digits, sign, point, "mm", space), so that
 * pictures carry their numbers without depending on AWT fonts, which headless machines may lack.
 */
final class PixelFont {

    private static final String CHARS = "0123456789.-+m ";
    /** Rows top to bottom; '#' is ink. 'm' is five columns wide, the rest three. */
    private static final String[][] GLYPHS = {
            {"###", "#.#", "#.#", "#.#", "###"}, {".#.", "##.", ".#.", ".#.", "###"},
            {"###", "..#", "###", "#..", "###"}, {"###", "..#", "###", "..#", "###"},
            {"#.#", "#.#", "###", "..#", "..#"}, {"###", "#..", "###", "..#", "###"},
            {"###", "#..", "###", "#.#", "###"}, {"###", "..#", "..#", "..#", "..#"},
            {"###", "#.#", "###", "#.#", "###"}, {"###", "#.#", "###", "..#", "###"},
            {"...", "...", "...", "...", ".#."}, {"...", "...", "###", "...", "..."},
            {"...", ".#.", "###", ".#.", "..."}, {".....", "##.#.", "#.#.#", "#.#.#", "#.#.#"},
            {"...", "...", "...", "...", "..."}};

    private PixelFont() {
    }

    /** Width of {@code text} in pixels at {@code scale} (one blank column between characters). */
    static int width(String text, int scale) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += (glyph(text.charAt(i))[0].length() + (i + 1 < text.length() ? 1 : 0)) * scale;
        }
        return w;
    }

    /** Draws light-grey text with its top-left corner at (x, y); pixels outside the image are skipped. */
    static void draw(RgbImage img, String text, int x, int y, int scale) {
        int cx = x;
        for (int i = 0; i < text.length(); i++) {
            String[] g = glyph(text.charAt(i));
            for (int row = 0; row < g.length; row++) {
                for (int col = 0; col < g[row].length(); col++) {
                    if (g[row].charAt(col) == '#') {
                        fill(img, cx + col * scale, y + row * scale, scale);
                    }
                }
            }
            cx += (g[0].length() + 1) * scale;
        }
    }

    private static String[] glyph(char c) {
        int i = CHARS.indexOf(c);
        if (i < 0) {
            throw new IllegalArgumentException("no glyph for '" + c + "'");
        }
        return GLYPHS[i];
    }

    private static void fill(RgbImage img, int x, int y, int scale) {
        for (int yy = y; yy < y + scale; yy++) {
            for (int xx = x; xx < x + scale; xx++) {
                if (xx >= 0 && yy >= 0 && xx < img.width() && yy < img.height()) {
                    img.set(xx, yy, 0.9f, 0.9f, 0.9f);
                }
            }
        }
    }
}
