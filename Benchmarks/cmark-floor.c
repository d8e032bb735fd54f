/* The floor for the 1,000-lesson benchmark: cmark alone, in one process — read every Markdown
 * file of a folder, render it to HTML with the same options hvwalk uses (safe mode), and write
 * it out. Whatever hvwalk does beyond this (front matter, templates, sidebars, search index,
 * checks) is the overhead the benchmark measures against. */
#include <cmark.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int render_folder(const char *in, const char *out) {
  DIR *dir = opendir(in);
  if (!dir) { perror(in); return 1; }
  mkdir(out, 0755);
  struct dirent *entry;
  int count = 0;
  while ((entry = readdir(dir))) {
    size_t length = strlen(entry->d_name);
    if (length < 4 || strcmp(entry->d_name + length - 3, ".md") != 0) continue;
    char path[4096], target[4096];
    snprintf(path, sizeof path, "%s/%s", in, entry->d_name);
    snprintf(target, sizeof target, "%s/%.*s.html", out, (int)(length - 3), entry->d_name);
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size);
    if (fread(text, 1, (size_t)size, file) != (size_t)size) { fclose(file); free(text); return 1; }
    fclose(file);
    char *html = cmark_markdown_to_html(text, (size_t)size, CMARK_OPT_DEFAULT);
    FILE *output = fopen(target, "wb");
    if (!output) { perror(target); return 1; }
    fputs(html, output);
    fclose(output);
    free(html);
    free(text);
    count++;
  }
  closedir(dir);
  return count > 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: cmark-floor LESSONS_DIR OUT_DIR\n"); return 2; }
  /* Both language folders, as hvwalk and Hugo build them. */
  char in[4096], out[4096];
  mkdir(argv[2], 0755);
  const char *languages[] = {"vi", "en"};
  for (int i = 0; i < 2; i++) {
    snprintf(in, sizeof in, "%s/%s", argv[1], languages[i]);
    snprintf(out, sizeof out, "%s/%s", argv[2], languages[i]);
    if (render_folder(in, out)) return 1;
  }
  return 0;
}
