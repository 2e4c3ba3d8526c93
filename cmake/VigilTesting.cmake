# vigil_add_test(<name> SOURCES ... [LINK ...] [LABELS Unit|Integration|Qml|Render] [TIMEOUT s] [XVFB] [ARGS ...])
# Unit/Qml tests run offscreen. XVFB tests (anything that must show real video) run in their own Xvfb server,
# started by tests/support/with-xvfb.sh, because VideoOutput draws only through OpenGL on a real X display.
# The demo clips every test's demo site plays, encoded once for the whole run (ffmpeg: ~3 s a camera) instead
# of once per test; clips are written by atomic rename, so tests running side by side may share them.
set(VIGIL_TEST_DEMO_CLIPS ${CMAKE_BINARY_DIR}/tests/demo-clips)

function(vigil_add_test name)
    cmake_parse_arguments(T "XVFB" "TIMEOUT" "SOURCES;LINK;LABELS;ARGS;ENV" ${ARGN})
    qt_add_executable(${name} ${T_SOURCES})
    # Every test links the same Qt modules so it can reuse the one precompiled header (tests/support/pch).
    target_link_libraries(${name} PRIVATE vigil_test_qt ${T_LINK})
    target_precompile_headers(${name} REUSE_FROM vigil_test_pch)
    # AUTOMOC's mocs_compilation.cpp of a test is almost always empty (tests include their own .moc), yet with
    # the header it loaded the whole Qt PCH: ~4 s of CPU per test for nothing (~500 s a CI build).
    # (Named as a source here so that the property sticks: AUTOGEN adds the file only at generate time.)
    set(mocs ${CMAKE_CURRENT_BINARY_DIR}/${name}_autogen/mocs_compilation.cpp)
    set_source_files_properties(${mocs} PROPERTIES GENERATED TRUE SKIP_AUTOGEN ON SKIP_PRECOMPILE_HEADERS ON)
    target_sources(${name} PRIVATE ${mocs})
    # QtTest defines these per target and qtest.h reads them, so a header built elsewhere would not fit; only
    # QFINDTESTDATA uses them, and no test does.
    target_compile_options(${name} PRIVATE -UQT_TESTCASE_BUILDDIR -UQT_TESTCASE_SOURCEDIR)
    vigil_target_warnings(${name})
    if(T_XVFB)
        add_test(NAME ${name} COMMAND ${PROJECT_SOURCE_DIR}/tests/support/with-xvfb.sh $<TARGET_FILE:${name}> ${T_ARGS})
        set(env "QT_QPA_PLATFORM=xcb")
    else()
        add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
        set(env "QT_QPA_PLATFORM=offscreen")
    endif()
    list(APPEND env "VIGIL_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared" "QT_LOGGING_RULES=vigil.*.debug=false"
         "VIGIL_DEMO_CLIP_DIR=${VIGIL_TEST_DEMO_CLIPS}"
         ${T_ENV})
    if(NOT T_LABELS)
        set(T_LABELS Unit)
    endif()
    if(NOT T_TIMEOUT)
        if("Integration" IN_LIST T_LABELS OR "Render" IN_LIST T_LABELS)
            set(T_TIMEOUT 180)
        else()
            set(T_TIMEOUT 60)
        endif()
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
