/* ui_theme.c - colours from the one table in ui.h (UI_COLORS). Colour pairs
 * keep the terminal's own background (use_default_colors), so light and dark
 * terminals both stay readable; the mono column is used with NO_COLOR,
 * --color=never, theme = mono, or a terminal without colours. */
#include <curses.h>

#include "ui.h"

static const struct {
	short fg, bg;
	attr_t attr, mono;
} table[C_COUNT] = {
#define X(id, fg, bg, attr, mono) [id] = {fg, bg, attr, mono},
	UI_COLORS(X)
#undef X
};

static int attrs[C_COUNT];

void
theme_init(int colour, int theme)
{
	int pairs = 0;
	if (colour && theme != THEME_MONO && has_colors() && start_color() == OK) {
		/* without default colours every pair would paint a background: go mono */
		if (use_default_colors() == OK)
			pairs = COLOR_PAIRS;
	}
	for (int i = 0; i < C_COUNT; i++) {
		if (pairs > C_COUNT && (table[i].fg != -1 || table[i].bg != -1)) {
			init_pair((short)(i + 1), table[i].fg, table[i].bg);
			attrs[i] = (int)(table[i].attr | COLOR_PAIR(i + 1));
		} else if (pairs > C_COUNT) {
			attrs[i] = (int)table[i].attr;
		} else {
			attrs[i] = (int)table[i].mono;
		}
	}
}

int
theme_attr(enum ui_color c)
{
	return c < C_COUNT ? attrs[c] : (int)A_NORMAL;
}
