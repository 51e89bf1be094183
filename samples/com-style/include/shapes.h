/* shapes.h - the binary contract between the Rust rectangle object and its
 * C clients: interface ids, result codes, vtable layouts and the factory.
 * src/interfaces.rs and src/rectangle.rs define the same things in Rust;
 * keep the two in sync. */
#ifndef SHAPES_H
#define SHAPES_H

#include <stddef.h>
#include <stdint.h>

// <guid>
/* A 16-byte interface identifier with the layout of the Windows GUID. */
typedef struct Guid {
    uint32_t data1;
    uint16_t data2;
    uint16_t data3;
    uint8_t data4[8];
} Guid;
// </guid>

// <hresult>
/* Result codes: zero or positive means success, negative means failure.
 * The values are the ones Windows uses for the same conditions. */
typedef int32_t HResult;
#define S_OK ((HResult)0)
#define E_NOINTERFACE ((HResult)0x80004002)
#define E_POINTER ((HResult)0x80004003)
#define E_INVALIDARG ((HResult)0x80070057)
#define E_NOT_SUFFICIENT_BUFFER ((HResult)0x8007007A)
// </hresult>

/* Every interface pointer points at a pointer to a vtable whose first three
 * entries are these, in this order. */
typedef struct IUnknown IUnknown;
typedef struct IUnknownVtbl {
    /* On success stores a new, owned reference in *out; on failure stores NULL. */
    HResult (*query_interface)(IUnknown *self, const Guid *iid, void **out);
    /* Both return the new reference count, for diagnostics only. */
    uint32_t (*add_ref)(IUnknown *self);
    uint32_t (*release)(IUnknown *self);
} IUnknownVtbl;
struct IUnknown {
    const IUnknownVtbl *vtbl;
};

// <ishape>
typedef struct IShape IShape;
typedef struct IShapeVtbl {
    /* IUnknown: always first, always in this order. */
    HResult (*query_interface)(IShape *self, const Guid *iid, void **out);
    uint32_t (*add_ref)(IShape *self);
    uint32_t (*release)(IShape *self);
    /* IShape: new methods may only ever be appended after this one. */
    HResult (*area)(IShape *self, double *out_area);
} IShapeVtbl;
struct IShape {
    const IShapeVtbl *vtbl;
};
// </ishape>

typedef struct INamed INamed;
typedef struct INamedVtbl {
    HResult (*query_interface)(INamed *self, const Guid *iid, void **out);
    uint32_t (*add_ref)(INamed *self);
    uint32_t (*release)(INamed *self);
    /* Copies the NUL-terminated name into buf[0..cap]. Returns
     * E_NOT_SUFFICIENT_BUFFER (and stores "" if cap > 0) when it does not fit. */
    HResult (*name)(INamed *self, char *buf, size_t cap);
} INamedVtbl;
struct INamed {
    const INamedVtbl *vtbl;
};

// <layout-checks>
/* The Rust definitions assert the same sizes and offsets. */
_Static_assert(sizeof(Guid) == 16, "Guid is 16 bytes");
_Static_assert(offsetof(IShapeVtbl, area) == 3 * sizeof(void (*)(void)),
               "area follows the three IUnknown entries");
_Static_assert(offsetof(INamedVtbl, name) == 3 * sizeof(void (*)(void)),
               "name follows the three IUnknown entries");
// </layout-checks>

// <interface-ids>
/* Defined (and exported) by the Rust crate. */
extern const Guid IID_IUNKNOWN;
extern const Guid IID_ISHAPE;
extern const Guid IID_INAMED;
// </interface-ids>

// <factory>
/* Creates a width x height rectangle and stores its IUnknown pointer in *out.
 * The caller owns that one reference and must release it. Returns E_POINTER
 * if out is NULL, or E_INVALIDARG (storing NULL) if a side is negative or
 * not finite. */
HResult create_rectangle(double width, double height, IUnknown **out);
// </factory>

#endif /* SHAPES_H */
