/* libxlsxwriter in constant-memory mode converting a CSV to .xlsx, as `minsheng convert big.csv big.xlsx`
 * does: RFC 4180 fields, a field that strtod reads whole is a number, the rest text.
 * usage: csv_libxlsxwriter IN.csv OUT.xlsx */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static void put(lxw_worksheet *ws, int r, int c, char *field, size_t n) {
    if (n == 0) return;
    field[n] = 0;
    char *end;
    double d = strtod(field, &end);
    if (end == field + n) worksheet_write_number(ws, r, c, d, NULL);
    else worksheet_write_string(ws, r, c, field, NULL);
}

int main(int argc, char **argv) {
    FILE *in = fopen(argv[1], "rb");
    if (!in) return 2;
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[2], &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
    size_t cap = 1 << 16, n = 0;
    char *field = malloc(cap);
    int r = 0, c = 0, quoted = 0, ch, start = 1;
    int first = fgetc(in);
    if (first == 0xEF) { fgetc(in); fgetc(in); } else if (first != EOF) ungetc(first, in);
    while ((ch = fgetc(in)) != EOF) {
        if (n + 2 >= cap) field = realloc(field, cap *= 2);
        if (quoted) {
            if (ch == '"') {
                int next = fgetc(in);
                if (next == '"') field[n++] = '"';
                else { quoted = 0; if (next != EOF) ungetc(next, in); }
            } else field[n++] = (char)ch;
            continue;
        }
        if (ch == '"' && start) { quoted = 1; start = 0; }
        else if (ch == ',') { put(ws, r, c++, field, n); n = 0; start = 1; }
        else if (ch == '\n' || ch == '\r') {
            if (ch == '\r') { int next = fgetc(in); if (next != '\n' && next != EOF) ungetc(next, in); }
            put(ws, r, c, field, n); n = 0; start = 1; c = 0; r++;
        } else { field[n++] = (char)ch; start = 0; }
    }
    if (n > 0 || c > 0) put(ws, r, c, field, n);
    fclose(in);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
