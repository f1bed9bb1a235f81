/* The C half of the interop test: compiled with gcc -c -fcommon, called
   from a p9 object, and calling back into it. */
extern int counter;
extern void c_hook(void);
extern void maybe(void) __attribute__((weak));

static int tbl[4] = {10, 20, 30, 40};
__thread int ctls;
int ccommon;

int cadd(int a, int b)
{
	c_hook();
	if (maybe)
		maybe();
	return a + b + counter + tbl[a & 3] + ccommon;
}

int *ctls_addr_offset(void)
{
	return &ctls;
}
