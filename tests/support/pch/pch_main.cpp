// The target that owns the tests' precompiled header (see CMakeLists.txt); it is built, never run.
int main()
{
    return 0;
}
