# Warnings for our own targets only (generated Qt code is not ours to police beyond what it compiles with).
function(vigil_target_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
    if(VIGIL_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
