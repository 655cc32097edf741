/* libxlsxwriter in constant-memory mode, writing the same sheet as minsheng-bench write.
 * usage: write_libxlsxwriter FILE ROWS COLS mixed|unique */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

int main(int argc, char **argv) {
    int rows = atoi(argv[2]), cols = atoi(argv[3]), unique = strcmp(argv[4], "unique") == 0;
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(argv[1], &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Sheet1");
    char text[64];
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            if (unique || c % 2 == 1) {
                if (unique) snprintf(text, sizeof text, "文本%d-%d", r, c);
                else snprintf(text, sizeof text, "南湖区项目%d", r % 1000);
                worksheet_write_string(ws, r, c, text, NULL);
            } else {
                worksheet_write_number(ws, r, c, (double)(r * 20 + c) + 0.5, NULL);
            }
        }
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
